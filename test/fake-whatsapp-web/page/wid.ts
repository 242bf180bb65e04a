// WhatsApp ids. A Wid is `user@server`: c.us for phones, g.us for groups, lid for
// hidden ids, broadcast for status. A MsgKey names one message in one chat.

class Wid {
	readonly user: string;
	readonly server: string;
	readonly _serialized: string;

	constructor(user: string, server: string) {
		this.user = user;
		this.server = server;
		this._serialized = `${user}@${server}`;
	}

	isUser(): boolean {
		return this.server === 'c.us' || this.server === 'lid';
	}
	isLid(): boolean {
		return this.server === 'lid';
	}
	isGroup(): boolean {
		return this.server === 'g.us';
	}
	isStatus(): boolean {
		return this.user === 'status' && this.server === 'broadcast';
	}
	isBroadcast(): boolean {
		return this.server === 'broadcast';
	}
	isNewsletter(): boolean {
		return this.server === 'newsletter';
	}
	toString(): string {
		return this._serialized;
	}
	toJid(): string {
		return this.server === 'c.us' ? `${this.user}@s.whatsapp.net` : this._serialized;
	}
	equals(other: unknown): boolean {
		return !!other && (other as Wid)._serialized === this._serialized;
	}
}

type WidLike = string | { _serialized?: string; user?: string; server?: string };

function createWid(input: WidLike): Wid {
	if (input instanceof Wid) return input;
	if (typeof input === 'object' && input) {
		if (input._serialized) return createWid(input._serialized);
		return new Wid(String(input.user), String(input.server ?? 'c.us'));
	}
	const text = String(input).replace('@s.whatsapp.net', '@c.us');
	const at = text.indexOf('@');
	return at < 0 ? new Wid(text, 'c.us') : new Wid(text.slice(0, at), text.slice(at + 1));
}

class MsgKey {
	readonly fromMe: boolean;
	readonly remote: Wid;
	readonly id: string;
	readonly participant?: Wid;
	readonly _serialized: string;

	constructor(args: { from: WidLike; to: WidLike; id: string; participant?: WidLike; selfDir: 'in' | 'out' }) {
		this.fromMe = args.selfDir === 'out';
		this.remote = createWid(this.fromMe ? args.to : args.from);
		this.id = args.id;
		if (args.participant) this.participant = createWid(args.participant);
		this._serialized =
			`${this.fromMe}_${this.remote._serialized}_${this.id}` +
			(this.participant ? `_${this.participant._serialized}` : '');
	}

	static newId(): string {
		return '3EB0' + randomHex(8).toUpperCase();
	}

	toString(): string {
		return this._serialized;
	}
}

function randomHex(bytes: number): string {
	return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function randomBase64(bytes: number): string {
	return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(bytes))));
}
