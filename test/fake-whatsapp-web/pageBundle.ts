import fs from 'fs';
import path from 'path';
import ts from 'typescript';

/**
 * The page's scripts, in load order. They share one function scope, so later
 * files use what earlier ones declare; boot.ts starts everything.
 */
export const PAGE_SCRIPTS = [
	'backbone.ts',
	'wid.ts',
	'channel.ts',
	'pairing.ts',
	'session.ts',
	'altLinking.ts',
	'messages.ts',
	'sending.ts',
	'lids.ts',
	'media.ts',
	'chats.ts',
	'groups.ts',
	'events.ts',
	'content.ts',
	'changes.ts',
	'modules.ts',
	'drift.ts',
	'commands.ts',
	'boot.ts',
];

const PAGE_DIR = path.join(__dirname, 'page');
let compiled: string | undefined;

/** The scripts transpiled to JavaScript once per process (type-checking is `npm run typecheck`'s job). */
function compiledScripts(): string {
	compiled ??= PAGE_SCRIPTS.map((file) => {
		const source = fs.readFileSync(path.join(PAGE_DIR, file), 'utf8');
		const output = ts.transpileModule(source, {
			fileName: file,
			compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
		});
		return `// ---- ${file}\n${output.outputText}`;
	}).join('\n');
	return compiled;
}

/** The HTML WhatsApp Web's URL answers with: one inline script holding the whole fake. */
export function renderPage(config: Record<string, unknown>): string {
	const script = `(function (FAKE_CONFIG) {\n'use strict';\n${compiledScripts()}\n})(${JSON.stringify(config)});`;
	return `<!doctype html><html><head><meta charset="utf-8"><title>WhatsApp</title></head><body><div id="app"></div><script>${script.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;
}
