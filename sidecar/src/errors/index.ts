/** The sidecar's errors, one file per area; `import … from '../errors'` reaches them all. */
export { SidecarError } from './SidecarError';
export * from './requestErrors';
export * from './sessionErrors';
export * from './sendingErrors';
export * from './mediaErrors';
export * from './webhookErrors';
export * from './storageErrors';
export * from './pairingErrors';
export * from './proxyErrors';
export * from './chatErrors';
export * from './groupErrors';
export * from './contentErrors';
export * from './changeErrors';
export * from './sendWindowErrors';
export * from './optOutErrors';
export * from './campaignErrors';
