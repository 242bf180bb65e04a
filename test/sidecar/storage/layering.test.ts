import fs from 'fs';
import path from 'path';

const SRC = path.join(__dirname, '../../../sidecar/src');
/** What storage must not depend on, directly or through another module: the parts built on top of it. */
const ABOVE_STORAGE = ['sending', 'sessions'];

/** The sidecar modules a file imports (relative imports and re-exports, types included), as absolute paths. */
function importsOf(file: string): string[] {
	const source = fs.readFileSync(file, 'utf8');
	const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/g)].map((m) => m[1]);
	return specifiers
		.filter((s) => s.startsWith('.'))
		.map((s) => {
			const base = path.resolve(path.dirname(file), s);
			const found = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
			if (!found) throw new Error(`${path.relative(SRC, file)} imports ${s}, which does not resolve`);
			return found;
		});
}

/** Every module reachable from `start`, each with the chain of imports that reaches it. */
function reachable(start: string): Map<string, string[]> {
	const chains = new Map<string, string[]>([[start, [start]]]);
	const todo = [start];
	while (todo.length) {
		const file = todo.pop()!;
		for (const next of importsOf(file)) {
			if (chains.has(next)) continue;
			chains.set(next, [...chains.get(file)!, next]);
			todo.push(next);
		}
	}
	return chains;
}

describe('storage/ is a layer below sending/ and sessions/', () => {
	const storageFiles = fs
		.readdirSync(path.join(SRC, 'storage'))
		.filter((name) => name.endsWith('.ts'))
		.map((name) => path.join(SRC, 'storage', name));

	it('finds the storage modules and their imports (the check below is not vacuous)', () => {
		expect(storageFiles.length).toBeGreaterThan(5);
		expect(importsOf(path.join(SRC, 'storage/JobStore.ts'))).toContain(path.join(SRC, 'storage/records.ts'));
		// The same walk does see a dependency on sending/ where there is one.
		expect([...reachable(path.join(SRC, 'sidecar.ts')).keys()]).toContain(path.join(SRC, 'sending/MessageService.ts'));
	});

	it.each(storageFiles.map((file) => [path.relative(SRC, file), file]))('%s reaches nothing in sending/ or sessions/', (_name, file) => {
		const offending = [...reachable(file).entries()]
			.filter(([module]) => ABOVE_STORAGE.includes(path.relative(SRC, module).split(path.sep)[0]))
			.map(([, chain]) => chain.map((m) => path.relative(SRC, m)).join(' → '));
		expect(offending).toEqual([]);
	});
});
