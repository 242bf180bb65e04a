import pino, { type Logger } from 'pino';

export type { Logger };

/** Never written to a log, whichever object carries them. */
const SECRET_PATHS = ['req.headers["x-api-key"]', 'req.headers.authorization', 'headers["x-api-key"]', 'headers.authorization', 'apiKey', 'secret'];

/** JSON lines on stdout; child loggers add `component` or `session` to every line. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
	return pino({ level, base: { service: 'whatsapp-sidecar' }, redact: { paths: SECRET_PATHS, censor: '[redacted]' } }, destination);
}
