import fs from 'fs';
import path from 'path';
import { LIBRARY } from '../../../../sidecar/src/sessions/engine/libraryVersion';
import { describeProbe, isIncompatible, probeWebPage, WEB_REQUIREMENTS } from '../../../../sidecar/src/sessions/engine/webCompatibility';

/** Everything the pinned whatsapp-web.js asks WhatsApp Web's loader for. */
function modulesTheLibraryRequires(): Set<string> {
	const root = path.dirname(require.resolve('whatsapp-web.js/package.json'));
	const sources = ['src/Client.js', 'src/util/Injected/Utils.js', 'src/util/Injected/AuthStore/AuthStore.js'];
	const text = sources.map((file) => fs.readFileSync(path.join(root, file), 'utf8')).join('\n');
	return new Set([...text.matchAll(/require\(\s*'(WA\w+)'\s*,?\s*\)/g)].map((m) => m[1]));
}

/** Runs the page probe against a pretend page: `modules` is what its loader knows. */
function probe(modules: Record<string, unknown>, options: { version?: string | null; loader?: 'throws' | 'undefined' } = {}) {
	const page = globalThis as unknown as Record<string, unknown>;
	page.Debug = options.version === null ? undefined : { VERSION: options.version ?? '2.3000.1' };
	page.require = (name: string) => {
		if (name in modules) return modules[name];
		if (options.loader === 'undefined') return undefined;
		throw new Error(`Requiring unknown module "${name}"`);
	};
	try {
		return probeWebPage(WEB_REQUIREMENTS);
	} finally {
		delete page.Debug;
		delete page.require;
	}
}

/** A page with every module and member the list asks for. */
function completePage(): Record<string, Record<string, unknown>> {
	const modules: Record<string, Record<string, unknown>> = {};
	for (const { module, members } of WEB_REQUIREMENTS) {
		const target = (modules[module] ??= {});
		for (const member of members) {
			const keys = member.split('.');
			let parent = target;
			for (const key of keys.slice(0, -1)) parent = (parent[key] ??= {}) as Record<string, unknown>;
			parent[keys[keys.length - 1]] = () => undefined;
		}
	}
	(modules.WAWebSocketModel.Socket as Record<string, unknown>).state = 'CONNECTED';
	(modules.WAWebSocketModel.Socket as Record<string, unknown>).hasSynced = false;
	return modules;
}

describe('the WhatsApp Web compatibility probe', () => {
	it('asks only for modules the pinned whatsapp-web.js asks for', () => {
		const asked = modulesTheLibraryRequires();
		expect(asked.size).toBeGreaterThan(50);
		expect(WEB_REQUIREMENTS.map((r) => r.module).filter((m) => !asked.has(m))).toEqual([]);
	});

	it('finds nothing missing on a complete page, and says what the page is waiting for', () => {
		const result = probe(completePage());
		expect(result).toEqual({ version: '2.3000.1', loader: true, missing: [], state: 'CONNECTED', hasSynced: false });
		expect(isIncompatible(result)).toBe(false);
		expect(describeProbe(result, LIBRARY)).toBe(
			'WhatsApp Web 2.3000.1 has every module whatsapp-web.js 1.34.7 reads, but the page never said it had synced ' +
				'(WAWebSocketModel.Socket change:hasSynced), which the library waits for (state CONNECTED)',
		);
	});

	it.each(['throws', 'undefined'] as const)('names a missing module (its loader: %s)', (loader) => {
		const page = completePage();
		delete page.WAWebConnModel;
		const result = probe(page, { loader });
		expect(result.missing).toEqual([{ name: 'WAWebConnModel', phase: 'log in' }]);
		expect(isIncompatible(result)).toBe(true);
		expect(describeProbe(result, LIBRARY)).toBe('WhatsApp Web 2.3000.1 lacks what whatsapp-web.js 1.34.7 needs to log in: WAWebConnModel');
	});

	it('names a renamed member, and the earliest step that needs what is missing', () => {
		const page = completePage();
		delete (page.WAWebConnModel.Conn as Record<string, unknown>).serialize;
		delete page.WAWebSendMsgChatAction.addAndSendMsgToChat;
		const result = probe(page);
		expect(result.missing).toEqual([
			{ name: 'WAWebConnModel.Conn.serialize', phase: 'become ready' },
			{ name: 'WAWebSendMsgChatAction.addAndSendMsgToChat', phase: 'send' },
		]);
		expect(describeProbe(result, LIBRARY)).toBe(
			'WhatsApp Web 2.3000.1 lacks what whatsapp-web.js 1.34.7 needs to become ready: WAWebConnModel.Conn.serialize (and 1 more for later steps)',
		);
	});

	it('a page that does not say its version, or has no loader, is not WhatsApp Web as the library knows it', () => {
		const noVersion = probe(completePage(), { version: null });
		expect(isIncompatible(noVersion)).toBe(true);
		expect(describeProbe(noVersion, LIBRARY)).toMatch(/window\.Debug\.VERSION is missing/);
		const page = globalThis as unknown as Record<string, unknown>;
		page.Debug = { VERSION: '2.3000.1' };
		try {
			const noLoader = probeWebPage(WEB_REQUIREMENTS);
			expect(noLoader).toMatchObject({ loader: false });
			expect(describeProbe(noLoader, LIBRARY)).toMatch(/no module loader \(window\.require\)/);
		} finally {
			delete page.Debug;
		}
	});
});
