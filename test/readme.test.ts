import fs from 'fs';
import path from 'path';

/**
 * The README is read on GitHub and in the npm package, where only this repository
 * exists: every file or folder it points to must be in it. Checked: link targets
 * that are not web addresses, and `code` spans that look like a path starting at
 * a top-level entry of the repository (`examples/campaign.json`, `.ci/run`) or
 * leaving it (`../…`). Build and run outputs are not in a fresh clone, so they are
 * not checked.
 */
const ROOT = path.resolve(__dirname, '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const NOT_IN_A_CLONE = new Set(['dist', 'data', 'node_modules', 'coverage']);
const topLevel = new Set(fs.readdirSync(ROOT).filter((entry) => !NOT_IN_A_CLONE.has(entry)));

function linkTargets(markdown: string): string[] {
	return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
		.map((m) => m[1])
		.filter((target) => !/^([a-z]+:|#)/i.test(target))
		.map((target) => target.split('#')[0]);
}

function pathLikeCodeSpans(markdown: string): string[] {
	return [...markdown.matchAll(/`([^`\s]+)`/g)]
		.map((m) => m[1].replace(/\/?…$/, ''))
		.filter((span) => /^[\w.*<>/-]+$/.test(span))
		.filter((span) => {
			const first = path.normalize(span).split('/')[0];
			return first === '..' || topLevel.has(first);
		});
}

/** `*.json` → /^.*\.json$/: `*` matches any run of characters, the rest itself. */
function globSegment(segment: string): RegExp {
	const literal = segment.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`^${literal.join('.*')}$`);
}

/** `examples/*.json`: a segment with `*` matches any entry of its folder. */
function exists(relative: string): boolean {
	const segments = path.normalize(relative).split('/').filter(Boolean);
	if (segments[0] === '..') return false;
	let dirs = [ROOT];
	for (const segment of segments) {
		const pattern = globSegment(segment);
		dirs = dirs.flatMap((dir) => {
			try {
				return fs.readdirSync(dir).filter((entry) => pattern.test(entry)).map((entry) => path.join(dir, entry));
			} catch {
				return [];
			}
		});
	}
	return dirs.length > 0;
}

describe('README.md', () => {
	it('points only to files and folders that are in the repository', () => {
		const paths = [...new Set([...linkTargets(readme), ...pathLikeCodeSpans(readme)])];
		expect(paths.length).toBeGreaterThan(10);
		expect(paths.filter((p) => !exists(p))).toEqual([]);
	});
});
