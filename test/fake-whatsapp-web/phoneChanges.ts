/**
 * What this account's WhatsApp Web changed in messages it sent (page/changes.ts): edits, deletions
 * for everyone (revokes) and deletions for me, as the network received them, in order.
 */

/** A change as the page sent it. */
export interface ChangeRequest {
	op: 'edit' | 'revoke' | 'deleteForMe';
	/** Serialized id of the message changed. */
	messageId: string;
	chat: string;
	/** The new text (edits). */
	text?: string;
	t: number;
}

export type EditRecord = Omit<ChangeRequest, 'op'> & { text: string };
export type DeletionRecord = Omit<ChangeRequest, 'op' | 'text'>;

export class PhoneChanges {
	readonly edits: EditRecord[] = [];
	/** Deleted for everyone. */
	readonly revoked: DeletionRecord[] = [];
	/** Deleted on this account's devices only. */
	readonly deletedForMe: DeletionRecord[] = [];

	/** @internal the page sent a change; the network takes it (or a test's injected failure refuses it). */
	decide(request: ChangeRequest, faults: { rejectSends: string[] }): { outcome: 'accept' | 'reject'; error?: string } {
		const rejection = faults.rejectSends.shift();
		if (rejection !== undefined) return { outcome: 'reject', error: rejection };
		const { op, text, ...record } = request;
		if (op === 'edit') this.edits.push({ ...record, text: text ?? '' });
		else if (op === 'revoke') this.revoked.push(record);
		else this.deletedForMe.push(record);
		return { outcome: 'accept' };
	}
}
