import QRCode from 'qrcode';

export interface QrView {
	raw: string;
	dataUrl: string;
	/** When WhatsApp will likely have replaced it (the first QR lives longer than later ones). */
	expiresAt: string;
	/** How many QRs this start has shown so far. */
	count: number;
}

const FIRST_QR_LIFETIME_MS = 60_000;
const NEXT_QR_LIFETIME_MS = 20_000;

/** The QR a session currently shows, kept as text and as a PNG, and how many it has shown. */
export type QrRenderer = (raw: string) => Promise<Buffer>;

export const renderQrPng: QrRenderer = (raw) =>
	QRCode.toBuffer(raw, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 320 });

export class QrCode {
	private current?: { raw: string; png: Buffer; dataUrl: string; expiresAt: Date };
	private shown = 0;

	constructor(private readonly render: QrRenderer = renderQrPng) {}

	/**
	 * Counts the QR at once, and encodes its PNG in the background: `encoded` settles
	 * once view() and png() serve it (an older QR still encoding never replaces it).
	 */
	update(raw: string, now = Date.now()): { number: number; encoded: Promise<void> } {
		const number = ++this.shown;
		const lifetime = number === 1 ? FIRST_QR_LIFETIME_MS : NEXT_QR_LIFETIME_MS;
		const encoded = this.render(raw).then((png) => {
			if (number !== this.shown) return;
			this.current = { raw, png, dataUrl: `data:image/png;base64,${png.toString('base64')}`, expiresAt: new Date(now + lifetime) };
		});
		return { number, encoded };
	}

	clear(): void {
		this.current = undefined;
		this.shown = 0;
	}

	get count(): number {
		return this.shown;
	}

	view(): QrView | undefined {
		const c = this.current;
		return c && { raw: c.raw, dataUrl: c.dataUrl, expiresAt: c.expiresAt.toISOString(), count: this.shown };
	}

	png(): Buffer | undefined {
		return this.current?.png;
	}
}
