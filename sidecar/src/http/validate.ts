import type { z } from 'zod';
import { ValidationError } from '../errors';

/** Parses a request body with a schema; problems become one VALIDATION_FAILED error listing each field. */
export function validate<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
	const parsed = schema.safeParse(body ?? {});
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', problem: i.message }));
	const summary = problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
	throw new ValidationError(`The request is not valid: ${summary}`, { problems });
}
