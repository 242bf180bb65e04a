import { z } from 'zod';

/** Request bodies, in one place: routes validate with them and /openapi.json describes them. */
export const sessionConfigSchema = z
	.object({
		conflictPolicy: z
			.enum(['wait', 'takeover'])
			.optional()
			.describe('When WhatsApp is opened in another browser: wait it out (default) or take the session back'),
	})
	.strict();

export const createSessionSchema = z
	.object({
		id: z.string().describe('1 to 64 letters, digits, "-" or "_"; it names the session folder'),
		config: sessionConfigSchema.optional(),
		start: z.boolean().optional().describe('Start the session right away (default true)'),
	})
	.strict();
