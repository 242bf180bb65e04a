import type { INodePropertyOptions } from 'n8n-workflow';

/** Words that keep their capitals in a label. */
const ACRONYMS = new Set(['QR']);

/** `LOGGED_OUT` → "Logged Out", `SCAN_QR` → "Scan QR", `delivered` → "Delivered". */
export function statusLabel(status: string): string {
	return status
		.split('_')
		.map((word) => (ACRONYMS.has(word.toUpperCase()) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()))
		.join(' ');
}

/** Option list for statuses the contract declares, with its meanings, sorted by label as n8n lists them. */
export function statusOptions<S extends string>(statuses: readonly S[], meanings: Record<S, string>): INodePropertyOptions[] {
	return statuses
		.map((status) => ({ name: statusLabel(status), value: status, description: meanings[status] }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
