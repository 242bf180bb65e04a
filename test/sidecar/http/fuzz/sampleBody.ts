/** A plausible body for a JSON schema (from /openapi.json), to break one field at a time. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON Schema as served, read loosely
export type JsonSchema = Record<string, any>;

/** Fields whose format the schema does not say (a phone number; a message needs text or media): values that pass, so the route gets further. */
const HINTS: Record<string, unknown> = { to: '628111000111', text: 'hello', url: 'http://127.0.0.1:9/fuzz', id: 'fuzz-new' };

/** Required fields (and hinted ones) only; optional ones are what the fuzz adds, one at a time. */
export function sampleBody(schema: JsonSchema): unknown {
	return sample(schema, undefined);
}

function sample(schema: JsonSchema, name: string | undefined): unknown {
	if (name !== undefined && name in HINTS) return HINTS[name];
	if (schema.anyOf) return sample(schema.anyOf[0], name);
	if (schema.enum) return schema.enum[0];
	switch (schema.type) {
		case 'object': {
			const required = new Set<string>(schema.required ?? []);
			const body: Record<string, unknown> = {};
			for (const [key, property] of Object.entries<JsonSchema>(schema.properties ?? {})) {
				if (required.has(key) || key in HINTS) body[key] = sample(property, key);
			}
			return body;
		}
		case 'array':
			return schema.minItems ? [sample(schema.items ?? {}, undefined)] : [];
		case 'string':
			if (schema.format === 'uri') return 'http://127.0.0.1:9/fuzz';
			return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
		case 'boolean':
			return false;
		case 'number':
		case 'integer':
			return schema.minimum ?? 1;
		default:
			return 'x';
	}
}

/**
 * Where a hostile value can go: every property of the schema (required or not) and, for objects,
 * their properties one level down (`config.pacing`, `media.url`, `filters.chats`).
 */
export function fieldPaths(schema: JsonSchema): string[][] {
	const paths: string[][] = [];
	const walk = (node: JsonSchema, prefix: string[]) => {
		const object = node.anyOf ? node.anyOf[0] : node;
		for (const [key, property] of Object.entries<JsonSchema>(object.properties ?? {})) {
			paths.push([...prefix, key]);
			if (prefix.length === 0) walk(property, [key]);
		}
	};
	walk(schema, []);
	return paths;
}

/** The body as JSON text with the field at `path` replaced by `rawJson` (written as is: it may be nested 100,000 deep). */
export function withField(body: unknown, path: string[], rawJson: string): string {
	const marker = '"@@FUZZ@@"';
	const copy = JSON.parse(JSON.stringify(body ?? {})) as Record<string, unknown>;
	let node = copy;
	for (const key of path.slice(0, -1)) {
		if (typeof node[key] !== 'object' || node[key] === null || Array.isArray(node[key])) node[key] = {};
		node = node[key] as Record<string, unknown>;
	}
	node[path[path.length - 1]] = '@@FUZZ@@';
	return JSON.stringify(copy).replace(marker, () => rawJson);
}
