import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON lines on stdout; one child logger per component (`{ component: 'http' }`). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
	return pino({ level, base: { service: 'whatsapp-sidecar' } }, destination);
}
