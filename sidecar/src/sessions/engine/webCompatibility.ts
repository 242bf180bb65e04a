/**
 * Whether the WhatsApp Web a page runs still has what whatsapp-web.js needs.
 *
 * When WhatsApp ships a new Web version, a module the library asks for can be
 * gone or a function renamed, and the library then fails with words that name
 * neither ("Cannot read properties of undefined (reading 'Conn')"), or not at
 * all (it never emits `ready`). After such a failure the engine asks the page
 * for each module and member below and names what is missing.
 *
 * The list is what whatsapp-web.js 1.34.7 reads on its way to `ready` and for a
 * send (src/Client.js inject() and attachEventListeners(), util/Injected/
 * AuthStore and Utils.js), so it belongs to that version: a test checks every
 * module on it is one the pinned library asks for.
 */

export type WebPhase = 'log in' | 'become ready' | 'send';

export interface WebRequirement {
	module: string;
	/** Paths inside the module that must hold something (a function, an object). */
	members: string[];
	phase: WebPhase;
}

export const WEB_REQUIREMENTS: WebRequirement[] = [
	{ module: 'WAWebSocketModel', members: ['Socket.on', 'Socket.off'], phase: 'log in' },
	{ module: 'WAWebCmd', members: ['Cmd.on'], phase: 'log in' },
	{ module: 'WAWebConnModel', members: ['Conn.on'], phase: 'log in' },
	{ module: 'WAWebOfflineHandler', members: ['OfflineMessageHandler.getOfflineDeliveryProgress'], phase: 'log in' },
	{ module: 'WAWebAltDeviceLinkingApi', members: [], phase: 'log in' },
	{ module: 'WABase64', members: ['encodeB64'], phase: 'log in' },
	{ module: 'WAWebCompanionRegClientUtils', members: [], phase: 'log in' },
	{ module: 'WAWebAdvSignatureApi', members: [], phase: 'log in' },
	{ module: 'WAWebUserPrefsInfoStore', members: ['waNoiseInfo.get'], phase: 'log in' },
	{ module: 'WAWebSignalStoreApi', members: ['waSignalStore.getRegistrationInfo'], phase: 'log in' },
	{ module: 'WAWebUserPrefsMultiDevice', members: ['getADVSecretKey'], phase: 'log in' },
	{ module: 'WAWebConnModel', members: ['Conn.serialize'], phase: 'become ready' },
	{ module: 'WAWebUserPrefsMeUser', members: ['getMaybeMePnUser', 'getMaybeMeLidUser'], phase: 'become ready' },
	{ module: 'WAWebCollections', members: ['Msg.on', 'Chat.on', 'Chat.get'], phase: 'become ready' },
	{ module: 'WAWebSyncGatingUtils', members: [], phase: 'become ready' },
	{ module: 'WAWebWidFactory', members: ['createWid'], phase: 'send' },
	{ module: 'WAWebFindChatAction', members: ['findOrCreateLatestChat'], phase: 'send' },
	{ module: 'WAWebStreamModel', members: ['Stream.markAvailable'], phase: 'send' },
	{ module: 'WAWebUpdateUnreadChatAction', members: ['sendSeen'], phase: 'send' },
	{ module: 'WAWebMsgKey', members: ['newId'], phase: 'send' },
	{ module: 'WAWebGetEphemeralFieldsMsgActionsUtils', members: ['getEphemeralFields'], phase: 'send' },
	{ module: 'WAWebSendMsgChatAction', members: ['addAndSendMsgToChat'], phase: 'send' },
	{ module: 'WAWebQueryExistsJob', members: ['queryWidExists'], phase: 'send' },
];

/** What the page says about itself. */
export interface WebProbe {
	/** window.Debug.VERSION: the WhatsApp Web version, null when the page does not say. */
	version: string | null;
	/** Whether the page has WhatsApp Web's module loader (window.require) at all. */
	loader: boolean;
	/** What is missing, as `Module` or `Module.member.path`, with the phase that needs it. */
	missing: Array<{ name: string; phase: WebPhase }>;
	/** WAWebSocketModel.Socket's state and whether it says it synced (null: not readable). */
	state: string | null;
	hasSynced: boolean | null;
}

/**
 * Runs inside the page (puppeteer serializes it: nothing from this module's scope).
 * Real WhatsApp Web's `require` throws for a module it does not know; other loaders
 * answer undefined. Both count as missing.
 */
export function probeWebPage(requirements: WebRequirement[]): WebProbe {
	const page = globalThis as unknown as { Debug?: { VERSION?: unknown }; require?: (name: string) => any }; // eslint-disable-line @typescript-eslint/no-explicit-any
	const version = typeof page.Debug?.VERSION === 'string' ? page.Debug.VERSION : null;
	const load = (name: string): any => { // eslint-disable-line @typescript-eslint/no-explicit-any
		try {
			return page.require?.(name);
		} catch {
			return undefined;
		}
	};
	const missing: WebProbe['missing'] = [];
	if (typeof page.require !== 'function') return { version, loader: false, missing, state: null, hasSynced: null };
	const reported = new Set<string>();
	for (const { module, members, phase } of requirements) {
		const loaded = load(module);
		if (loaded === undefined || loaded === null) {
			if (!reported.has(module)) missing.push({ name: module, phase });
			reported.add(module);
			continue;
		}
		for (const member of members) {
			let value = loaded;
			for (const key of member.split('.')) value = value === undefined || value === null ? undefined : value[key];
			if (value === undefined || value === null) missing.push({ name: `${module}.${member}`, phase });
		}
	}
	const socket = load('WAWebSocketModel')?.Socket;
	const state = typeof socket?.state === 'string' ? socket.state : null;
	const hasSynced = typeof socket?.hasSynced === 'boolean' ? socket.hasSynced : null;
	return { version, loader: true, missing, state, hasSynced };
}

/** Whether the probe found WhatsApp Web lacking something the library needs. */
export function isIncompatible(probe: WebProbe): boolean {
	return probe.version === null || !probe.loader || probe.missing.length > 0;
}

/** The probe in words: the version, then what is missing for the earliest step that needs it. */
export function describeProbe(probe: WebProbe, library: string): string {
	const web = probe.version ? `WhatsApp Web ${probe.version}` : 'The page';
	if (!probe.version) return `${web} does not say which WhatsApp Web it is (window.Debug.VERSION is missing), so ${library} cannot start on it`;
	if (!probe.loader) return `${web} has no module loader (window.require), which ${library} reaches every part of WhatsApp Web through`;
	if (probe.missing.length) {
		const phase = probe.missing[0].phase;
		const names = probe.missing.filter((m) => m.phase === phase).map((m) => m.name);
		const more = probe.missing.length - names.length;
		return `${web} lacks what ${library} needs to ${phase}: ${names.join(', ')}${more ? ` (and ${more} more for later steps)` : ''}`;
	}
	const sync = probe.hasSynced
		? 'the page says it synced, but the library never got ready'
		: 'the page never said it had synced (WAWebSocketModel.Socket change:hasSynced), which the library waits for';
	return `${web} has every module ${library} reads, but ${sync} (state ${probe.state ?? 'unknown'})`;
}
