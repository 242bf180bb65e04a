import type https from 'https';
import type { AddressInfo } from 'net';
import { createFakeCertificate, type FakeCertificate } from './certificate';
import { ContactDirectory, type FakeContact } from './contacts';
import { FakePhone, type PhoneHost, type StoredMedia } from './FakePhone';
import { FakeGroups, type GroupNotice, type GroupSnapshot } from './groups';
import { renderPage } from './pageBundle';
import { ProfileDirectory } from './profiles';
import { type PageRecord, PageRegistry } from './pages';
import { createFakeServer, newStoredMedia } from './server';
import type { FakeOptions, MediaInput, WebDrift } from './types';

/** The WhatsApp Web version whatsapp-web.js 1.34.7 pins (Constants.DefaultOptions.webVersion). */
export const PINNED_WEB_VERSION = '2.3000.1017054665';

/**
 * A fake WhatsApp Web for the real, unmodified whatsapp-web.js 1.34.7 to drive in
 * real headless Chromium. Chromium reaches it as https://web.whatsapp.com/ through
 * `chromiumArgs` (a host-resolver rule and trust in this fake's own certificate);
 * everything else stays unresolvable, so nothing can reach the real WhatsApp.
 *
 * Tests act as the phone: `scan(qr)` links a browser to a phone number, and the
 * returned FakePhone receives messages, acks sends, changes state, logs out and
 * injects failures. Several browsers at once are addressed by their phone numbers.
 */
export class FakeWhatsAppWeb implements PhoneHost {
	readonly pages = new PageRegistry();
	/** Module names the library asked for that the fake does not emulate (fidelity drift shows here). */
	readonly unknownModules = new Set<string>();
	/** Failures in background work (auto-acks), kept for assertions instead of thrown nowhere. */
	readonly errors: Error[] = [];
	/** People with LIDs (see contacts.ts); numbers not listed here are phone-only, as before LIDs. */
	readonly contacts = new ContactDirectory();
	/** Profiles (picture, about, business) by person: `fake.profiles.set('628…', {about: '…'})`. */
	readonly profiles = new ProfileDirectory(this.contacts);
	/**
	 * WhatsApp's groups (see groups.ts): what the linked pages did to them, and what other members
	 * do (`fake.groups.setSubject(id, '15550009999', 'New name')`, `.add`, `.modify`, `.leave`,
	 * `.join`, `.create`): each change reaches the members' pages as WhatsApp Web's gp2 notification.
	 */
	readonly groups: FakeGroups = new FakeGroups({
		isRegistered: (wid) => this.isRegistered(wid),
		announce: (group, notice, alsoTo) => this.announceGroupChange(group, notice, alsoTo),
	});
	private readonly phones = new Map<string, FakePhone>();
	private readonly mediaStore = new Map<string, StoredMedia>();
	private readonly unregistered = new Set<string>();
	private firstContactRestricted: Set<string> | 'all' = new Set();
	private registeredOnly?: Set<string>;
	private phoneCounter = 0;
	private server?: https.Server;
	private cert?: FakeCertificate;
	private readonly pageConfig: Record<string, unknown>;
	private readonly commandTimeoutMs: number;
	readonly firstContactNackMs: number;

	private constructor(options: FakeOptions) {
		this.pageConfig = {
			version: options.version ?? PINNED_WEB_VERSION,
			bootDelayMs: options.bootDelayMs ?? 100,
			syncDelayMs: options.syncDelayMs ?? 50,
			logoutReloadDelayMs: options.logoutReloadDelayMs ?? 100,
			drift: options.drift,
			linkCodeLifetimeMs: options.linkCodeLifetimeMs ?? 180_000,
			editWindowMs: options.editWindowMs,
			revokeWindowMs: options.revokeWindowMs,
		};
		this.commandTimeoutMs = options.commandTimeoutMs ?? 15_000;
		this.firstContactNackMs = options.firstContactNackMs ?? 150;
	}

	static async start(options: FakeOptions = {}): Promise<FakeWhatsAppWeb> {
		const fake = new FakeWhatsAppWeb(options);
		fake.cert = await createFakeCertificate();
		const server = createFakeServer(fake.cert, fake);
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		fake.server = server;
		return fake;
	}

	get port(): number {
		return (this.server!.address() as AddressInfo).port;
	}

	/**
	 * Chromium flags that send web.whatsapp.com to this fake (and nothing anywhere else). 127.0.0.1
	 * is left alone so a test's proxy on loopback stays reachable: Chromium resolves even an IP
	 * proxy through these rules, and `MAP *` made it ERR_PROXY_CONNECTION_FAILED.
	 */
	get chromiumArgs(): string[] {
		return [
			`--host-resolver-rules=MAP web.whatsapp.com 127.0.0.1:${this.port},MAP * ~NOTFOUND,EXCLUDE 127.0.0.1`,
			`--ignore-certificate-errors-spki-list=${this.cert!.spkiHash}`,
		];
	}

	/**
	 * What web.whatsapp.com serves from now on (pages already loaded keep theirs): another version,
	 * and modules that differ from what the library expects. `{}` serves the pinned version, undrifted.
	 */
	serve(page: { version?: string; drift?: WebDrift }): void {
		this.pageConfig.version = page.version ?? PINNED_WEB_VERSION;
		this.pageConfig.drift = page.drift;
	}

	/** The HTML of a page as web.whatsapp.com would serve it (to save as a cached page, say). */
	pageHtml(page: { version?: string; drift?: WebDrift } = {}): string {
		return renderPage({ ...this.pageConfig, version: page.version ?? PINNED_WEB_VERSION, drift: page.drift });
	}

	/** Links the browser whose page shows this QR to a phone (a new number unless given). */
	async scan(qr: string, options: { phone?: string; pushname?: string } = {}): Promise<FakePhone> {
		const ref = qr.split(',')[0];
		const page = this.pages.find((p) => p.status.ref === ref);
		if (!page) throw new Error(`fake WhatsApp Web: no page shows the QR ref ${ref} (rotated or already scanned?)`);
		const number = options.phone ?? `1555${String(++this.phoneCounter).padStart(7, '0')}`;
		const phone = this.phoneFor(number, options.pushname);
		const paired = (await this.pages.send(page.id, 'pair', { phone: number, pushname: phone.pushname }, this.commandTimeoutMs)) as { device?: unknown };
		phone.noteLinkedDevice(paired.device, 'qr');
		return phone;
	}

	/**
	 * The phone `options.phone` types a pairing code (linking by phone number): the page whose
	 * newest code is for that number links to it. Rejects, as the phone would show, when no page
	 * waits for a code for that number, or the code is wrong or expired.
	 */
	async enterPairingCode(code: string, options: { phone: string; pushname?: string }): Promise<FakePhone> {
		const page = this.pages.find((p) => p.status.linkCodePhone === options.phone);
		if (!page) throw new Error(`fake WhatsApp Web: no page waits for a pairing code for ${options.phone}`);
		const phone = this.phoneFor(options.phone, options.pushname);
		const args = { phone: options.phone, code, pushname: phone.pushname };
		const paired = (await this.pages.send(page.id, 'enterLinkCode', args, this.commandTimeoutMs)) as { device?: unknown };
		phone.noteLinkedDevice(paired.device, 'code');
		return phone;
	}

	/** Makes the page showing this QR show a new one (the library emits another `qr`). */
	async rotateQr(qr: string): Promise<void> {
		const ref = qr.split(',')[0];
		const page = this.pages.find((p) => p.status.ref === ref);
		if (!page) throw new Error(`fake WhatsApp Web: no page shows the QR ref ${ref}`);
		await this.pages.send(page.id, 'rotateQr', {}, this.commandTimeoutMs);
	}

	/** The phone with this number (made on first use; pairing happens through scan). */
	phone(number: string): FakePhone {
		return this.phoneFor(number);
	}

	/** Waits for an online page that is showing a QR, and returns that page's QR ref. */
	async waitForQrPage(timeoutMs = this.commandTimeoutMs): Promise<PageRecord> {
		return this.pages.waitFor((p) => !!p.status.ref && p.status.state === 'UNPAIRED', timeoutMs, 'showing a QR');
	}

	/** Only these numbers are on WhatsApp (default: every number is). */
	setRegistered(numbers: string[] | 'all'): void {
		this.registeredOnly = numbers === 'all' ? undefined : new Set(numbers.map(digits));
	}

	/** These numbers are not on WhatsApp. */
	setUnregistered(numbers: string[]): void {
		for (const n of numbers) this.unregistered.add(digits(n));
	}

	/**
	 * WhatsApp's first-contact limit for these numbers (or all): a message to one of them that never
	 * wrote to the sending phone is taken, then refused with ack -1. Once they wrote, messages go.
	 */
	restrictFirstContacts(numbers: string[] | 'all'): void {
		this.firstContactRestricted = numbers === 'all' ? 'all' : new Set(numbers.map(digits));
	}

	isFirstContactRestricted(to: string): boolean {
		if (this.firstContactRestricted === 'all') return true;
		return this.firstContactRestricted.has(digits(to.split('@')[0]));
	}

	isRegistered(to: string): boolean {
		if (/@(g\.us|broadcast|newsletter)$/.test(to)) return true;
		// A LID exists only for someone WhatsApp gave one to.
		if (to.endsWith('@lid')) return this.contacts.find(to) !== undefined;
		const user = digits(to.split('@')[0]);
		if (this.unregistered.has(user)) return false;
		return this.registeredOnly ? this.registeredOnly.has(user) : true;
	}

	/**
	 * A person with a LID: `{phone, lid}` (both; messages come from the phone until
	 * `migrateToLid`, or from the LID with `addressing: 'lid'`), or `{lid}` alone (WhatsApp
	 * never tells anyone their number).
	 */
	addContact(contact: { phone?: string; lid?: string; addressing?: 'pn' | 'lid' }): FakeContact {
		return this.contacts.add(contact);
	}

	/**
	 * WhatsApp moves the chats with this person from their phone number to their LID:
	 * every linked page re-files its chat (and that chat's messages) under the LID, and
	 * the person's next messages arrive from `<lid>@lid`.
	 */
	async migrateToLid(phone: string): Promise<void> {
		const contact = this.contacts.migrateToLid(phone);
		const linked = this.pages.all().filter((p) => p.online && p.status.phone);
		await Promise.all(
			linked.map((p) => this.pages.send(p.id, 'migrateChat', { phone: contact.phone, lid: contact.lid }, this.commandTimeoutMs)),
		);
	}

	async close(): Promise<void> {
		for (const phone of this.phones.values()) phone.close();
		this.pages.close();
		const server = this.server;
		if (!server) return;
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	}

	// ---- PhoneHost and FakeBackend (used by FakePhone and the HTTP side)

	async command(phone: string, name: string, args: object, needs: 'online' | 'listening'): Promise<unknown> {
		const page = await this.pages.waitFor(
			(p) => p.status.phone === phone && (needs === 'online' || p.status.listening),
			this.commandTimeoutMs,
			`linked to ${phone}${needs === 'listening' ? ' with the library listening' : ''}`,
		);
		return this.pages.send(page.id, name, args, this.commandTimeoutMs);
	}

	renderPage(): string {
		return renderPage(this.pageConfig);
	}

	phoneOfPage(pageId: string): FakePhone | undefined {
		const number = this.pages.all().find((p) => p.id === pageId)?.status.phone;
		return number ? this.phones.get(number) : undefined;
	}

	phoneFor(number: string, pushname?: string): FakePhone {
		let phone = this.phones.get(number);
		if (!phone) {
			phone = new FakePhone(number, pushname ?? `Phone ${number}`, this);
			this.phones.set(number, phone);
		} else if (pushname) {
			phone.pushname = pushname;
		}
		return phone;
	}

	storeMedia(input: MediaInput): StoredMedia {
		const media = newStoredMedia(input);
		this.mediaStore.set(media.directPath, media);
		return media;
	}

	media(directPath: string): StoredMedia | undefined {
		return this.mediaStore.get(directPath);
	}

	/** A group changed: the linked pages of its members (and of who just left) get WhatsApp's notification. */
	private announceGroupChange(group: GroupSnapshot, notice: GroupNotice, alsoTo: string[]): void {
		const told = new Set([...group.participants.map((p) => p.id), ...alsoTo]);
		const t = Math.floor(Date.now() / 1000);
		for (const page of this.pages.all()) {
			if (!page.online || !page.status.phone || !told.has(`${page.status.phone}@c.us`)) continue;
			this.pages
				.send(page.id, 'groupNotice', { group, notice: { ...notice, t } }, this.commandTimeoutMs)
				.catch((error: Error) => this.backgroundError(error));
		}
	}

	noteUnknownModule(name: string): void {
		this.unknownModules.add(name);
	}

	backgroundError(error: Error): void {
		this.errors.push(error);
	}
}

function digits(text: string): string {
	return text.replace(/\D/g, '');
}
