// Version drift: a WhatsApp Web whose modules differ from what whatsapp-web.js 1.34.7
// expects, as happens when WhatsApp ships a new Web version (FakeOptions.drift).
// Modules can go missing, members can be renamed, and the page can stop short of
// saying it synced (its loading screen stuck at 99 %, January 2026).

const DRIFT: WebDrift = FAKE_CONFIG.drift ?? {};

/** Real WhatsApp Web's module loader throws for a module it does not know. */
function isDroppedModule(name: string): boolean {
	return DRIFT.missingModules?.includes(name) ?? false;
}

/** `{'WAWebConnModel.Conn.serialize': 'serializeConn'}`: the old name is gone, the member lives on under the new one. */
function applyRenames(): void {
	for (const [from, to] of Object.entries(DRIFT.renamed ?? {})) {
		const [module, ...path] = from.split('.');
		const name = path.pop();
		let parent = WA_MODULES[module] as Record<string, unknown> | undefined;
		for (const key of path) parent = parent?.[key] as Record<string, unknown> | undefined;
		if (!parent || !name) throw new Error(`[fake-wa] drift: nothing to rename at ${from}`);
		const member = parent[name];
		Object.defineProperty(parent, to, { value: member, configurable: true, writable: true, enumerable: true });
		// An own `undefined` also hides a method the object inherits (Conn.serialize is the Model's).
		Object.defineProperty(parent, name, { value: undefined, configurable: true, writable: true, enumerable: false });
	}
}

/**
 * The page syncs as far as its loading screen's 99 % and never says it finished
 * (no `change:hasSynced`): the library shows loading_screen 99 and never `ready`.
 */
function stallSync(): void {
	offlineProgress.percent = 99;
	Cmd.trigger('offline_progress_update_from_bridge');
}
