import { PAIRING_CODE_INTERVAL_MS } from './engine/Engine';

export interface PairingCodeView {
	code: string;
	/** The number whose phone must type it. */
	phone: string;
	/** When WhatsApp will have replaced it (the library asks for a new one then). */
	expiresAt: string;
	/** How many codes this start has shown so far. */
	count: number;
}

/**
 * The pairing code a session shows (linking by phone number, the sibling of QrCode), and how
 * many it has shown. The library reports each code twice when asked through the API (as the
 * answer and as its `code` event): the same code again is not a new one.
 */
export class PairingCode {
	private current?: { code: string; phone: string; expiresAt: Date };
	private shown = 0;

	update(code: string, phone: string, now = Date.now()): { number: number; isNew: boolean } {
		if (this.current?.code === code) return { number: this.shown, isNew: false };
		this.shown += 1;
		this.current = { code, phone, expiresAt: new Date(now + PAIRING_CODE_INTERVAL_MS) };
		return { number: this.shown, isNew: true };
	}

	clear(): void {
		this.current = undefined;
		this.shown = 0;
	}

	get count(): number {
		return this.shown;
	}

	view(): PairingCodeView | undefined {
		const c = this.current;
		return c && { code: c.code, phone: c.phone, expiresAt: c.expiresAt.toISOString(), count: this.shown };
	}
}
