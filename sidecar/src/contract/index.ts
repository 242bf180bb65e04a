/**
 * The wire contract between the sidecar and the n8n nodes: the one place the
 * vocabulary both sides speak is written down. Both packages compile these
 * files into what they ship (the n8n package through relative imports), so
 * they must stay free of dependencies: TypeScript and `crypto` only, no Node
 * APIs beyond Buffer, nothing that n8n's community-node lint refuses.
 */
export * from './statuses';
export * from './events';
export * from './filters';
export * from './headers';
export * from './reference';
export * from './sessionId';
export * from './signature';
export * from './errors';
export * from './groups';
export * from './campaigns';
