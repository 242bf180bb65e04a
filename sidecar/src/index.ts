export { loadConfig, type SidecarConfig } from './config';
export { createLogger } from './logger';
export { startSidecar, type RunningSidecar } from './sidecar';
export { resolveBrowser, BrowserNotFoundError } from './browser/resolveBrowser';
export { chromiumArgs } from './browser/chromiumArgs';
