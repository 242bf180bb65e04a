import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * The chosen session's id: picked from the list, typed, or an expression. A plain
 * text value (an expression over the whole field, or an AI tool's answer) works too.
 */
export function getSessionId(this: IExecuteFunctions, itemIndex: number): string {
	const raw: unknown = this.getNodeParameter('session', itemIndex, '', { extractValue: true });
	const value = typeof raw === 'object' && raw !== null && 'value' in raw ? (raw as { value: unknown }).value : raw;
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!id) {
		throw new NodeOperationError(this.getNode(), 'No session chosen', {
			itemIndex,
			description: 'Pick a session from the list, or enter its ID (for example "main").',
		});
	}
	return id;
}

/** The API path of a session, or of something under it (`/qr`, `/messages`). */
export function sessionPath(sessionId: string, suffix = ''): string {
	return `/sessions/${encodeURIComponent(sessionId)}${suffix}`;
}
