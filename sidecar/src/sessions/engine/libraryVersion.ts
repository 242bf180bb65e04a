/** The whatsapp-web.js the sidecar runs (pinned exactly in sidecar/package.json), as `GET /api/server` reports it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const LIBRARY_VERSION: string = (require('whatsapp-web.js/package.json') as { version: string }).version;

export const LIBRARY = `whatsapp-web.js ${LIBRARY_VERSION}`;
