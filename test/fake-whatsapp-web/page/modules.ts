// window.require: the WhatsApp Web modules whatsapp-web.js 1.34.7 asks for on the
// paths we emulate (boot, login, messages, media, acks, state, number checks).
// A name not listed is reported to the server (see FakeWhatsAppWeb.unknownModules),
// so a library upgrade that needs a new module shows up by name instead of as a
// puzzling TypeError.

const contactGetters = {
	getIsMe: (c: ContactModel) => c.id._serialized === meWid()?._serialized,
	getIsUser: (c: ContactModel) => c.id.isUser(),
	getIsGroup: (c: ContactModel) => c.id.isGroup(),
	getIsWAContact: (c: ContactModel) => c.id.isUser(),
	getUserid: (c: ContactModel) => c.id.user,
	getVerifiedName: () => undefined,
	getVerifiedLevel: () => undefined,
	getStatusMute: () => false,
	getName: (c: ContactModel) => c.get('name'),
	getShortName: (c: ContactModel) => c.get('shortName'),
	getPushname: (c: ContactModel) => c.get('pushname'),
	getIsEnterprise: () => false,
};

const URL_PATTERN = /\bhttps?:\/\/[^\s]+/gi;

function findLinks(text: unknown): Array<{ href: string; suspiciousCharacters?: Set<string> }> {
	return typeof text === 'string' ? [...text.matchAll(URL_PATTERN)].map((m) => ({ href: m[0] })) : [];
}

/** A usync query: whether the user exists, and (as a side effect, like WhatsApp Web's) the LID/phone pair it reveals. */
async function queryWidExists(wid: Wid): Promise<{ wid?: Wid } | null> {
	const result = await rpc<{ exists: boolean; lid?: string; phone?: string; addressing?: 'pn' | 'lid' }>('exists', {
		user: wid.user,
		wid: wid._serialized,
	});
	if (result.lid && result.phone) learnLid(result.phone, result.lid, result.addressing);
	if (!result.exists) return { wid: undefined };
	return { wid: createWid(wid.isLid() ? `${wid.user}@lid` : `${wid.user}@c.us`) };
}

const callCollection = Object.assign(new Emitter(), { calls: new Map<string, unknown>() });

const WA_MODULES: Record<string, unknown> = {
	// boot and login
	WAWebSocketModel: { Socket },
	WAWebCmd: { Cmd },
	WAWebConnModel: { Conn },
	WAWebOfflineHandler: { OfflineMessageHandler: { getOfflineDeliveryProgress: () => offlineProgress.percent } },
	WAWebAltDeviceLinkingApi: AltDeviceLinkingApi,
	WAWebLaunchSocketUtils: { refreshQR: () => rotateQrRef() },
	WABase64: { encodeB64: (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)) },
	WAWebCompanionRegClientUtils: { DEVICE_PLATFORM: 'WEB' },
	WAWebAdvSignatureApi: {},
	WAWebUserPrefsInfoStore: { waNoiseInfo: { get: async () => ({ staticKeyPair: { pubKey: session.noisePubKey } }) } },
	WAWebSignalStoreApi: {
		waSignalStore: { getRegistrationInfo: async () => ({ identityKeyPair: { pubKey: session.identityPubKey } }) },
	},
	WAWebUserPrefsMultiDevice: { getADVSecretKey: () => session.advSecret },
	WAWebMiscBrowserUtils: { info: () => ({ name: 'Chrome', version: '101.0.4951', os: 'Mac OS' }) },
	WAWebUserPrefsMeUser: { getMaybeMePnUser: meWid, getMaybeMeLidUser: meLidWid, getMeUser: meWid },

	// what LoadUtils and attachEventListeners hook after login
	WAWebBackendJobsCommon: { mediaTypeFromProtobuf: () => null },
	WAWebE2EProtoUtils: { typeAttributeFromProtobuf: () => 'text' },
	WAWebSyncGatingUtils: {},
	WAWebCallCollection: callCollection,
	WAWebAddonReactionTableMode: { reactionTableMode: { bulkUpsert: async (rows: unknown) => rows } },
	WAWebAddonPollVoteTableMode: { pollVoteTableMode: { bulkUpsert: async (rows: unknown) => rows } },
	WAWebNonMessageDataRequestPlaceholderMessageResendUtils: { handlePlaceholderMsgsSeen: () => undefined },

	// chats, contacts, messages
	WAWebCollections: {
		Msg: Object.assign(Msg, {
			getMessagesById: async (ids: string[]) => ({ messages: ids.map((id) => Msg.get(id)).filter(Boolean) }),
		}),
		Chat,
		Contact: Object.assign(Contact, { find: findContact }),
		GroupMetadata,
		Blocklist,
		BusinessProfile: BusinessProfiles,
		ProfilePicThumb, // groups.ts
	},
	WAWebWidFactory: {
		createWid,
		createWidFromWidLike: createWid,
		asUserWidOrThrow: (w: WidLike) => {
			const wid = createWid(w);
			if (!wid.isUser()) throw new Error(`not a user wid: ${wid._serialized}`);
			return wid;
		},
	},
	WAWebMsgKey: MsgKey,
	WAWebFindChatAction: { findOrCreateLatestChat },
	WAWebChatGetters: {
		getIsNewsletter: (chat: ChatModel) => chat.id.isNewsletter(),
		getIsBroadcast: (chat: ChatModel) => chat.id.isBroadcast(),
	},
	WAWebStreamModel: { Stream: { markAvailable: () => undefined, markUnavailable: () => undefined } },
	WAWebChatStateBridge: {
		sendChatStateComposing: (wid: Wid) => rpc('chatstate', { chat: wid._serialized, state: 'typing' }),
		sendChatStateRecording: (wid: Wid) => rpc('chatstate', { chat: wid._serialized, state: 'recording' }),
		sendChatStatePaused: (wid: Wid) => rpc('chatstate', { chat: wid._serialized, state: 'stop' }),
	},
	WAWebPresenceChatAction: { sendPresenceAvailable: () => undefined, sendPresenceUnavailable: () => undefined },
	WALinkify: { findLink: (text: unknown) => findLinks(text)[0] ?? null, findLinks },
	WAWebLinkPreviewChatAction: { getLinkPreview: async () => null },
	WAWebGetEphemeralFieldsMsgActionsUtils: { getEphemeralFields: () => ({}) },
	WAWebSendMsgChatAction: { addAndSendMsgToChat },
	WAWebMsgReply: { canReplyMsg: () => true },
	WAWebQuotedMsgModelUtils: { getQuotedMsgObj: quotedMsgObj }, // content.ts
	WAWebQueryExistsJob: { queryWidExists },
	WAWebLidMigrationUtils: { toPn },
	WAWebApiContact: { getCurrentLid, getPhoneNumber, getAlternateUserWid },
	WAWebContactGetters: contactGetters,
	WAWebFrontendContactGetters: { getIsMyContact: (c: ContactModel) => Boolean(c.get('name')) },

	// media
	WAWebMediaOpaqueData: OpaqueData,
	WAWebPrepRawMedia: { prepRawMedia },
	WAWebMediaStorage: { getOrCreateMediaObject },
	WAWebMmsMediaTypes: { msgToMediaType: ({ type }: { type: string }) => type, castToV4: (type: string) => type },
	WAWebMediaDataUtils: { shouldUseMediaCache: (type: string) => type === 'image' },
	WAWebMediaInMemoryBlobCache: { InMemoryMediaBlobCache: { put: () => undefined } },
	WAWebMediaMmsV4Upload: { uploadMedia, uploadUnencryptedMedia: uploadMedia },
	WAWebDownloadManager: { downloadManager: { downloadAndMaybeDecrypt } },

	// chats, presence and contact profiles (chats.ts)
	...CHAT_MODULES,
	// groups (page/groups.ts)
	...GROUP_MODULES,
	// reactions, edits, deletions, votes and calls (page/events.ts)
	...EVENT_MODULES,
	...CONTENT_MODULES, // vCards, reactions (content.ts)
	...CHANGE_MODULES, // edits, deletions, forwards of this account's messages (changes.ts)
};

const reportedUnknownModules = new Set<string>();

function requireModule(name: string): unknown {
	if (isDroppedModule(name)) throw new Error(`Requiring unknown module "${name}"`);
	if (name in WA_MODULES) return WA_MODULES[name];
	if (!reportedUnknownModules.has(name)) {
		reportedUnknownModules.add(name);
		rpc('unknownModule', { name }).catch(() => undefined);
	}
	return undefined;
}
