export { FakeWhatsAppWeb, PINNED_WEB_VERSION } from './FakeWhatsAppWeb';
export { FakePhone } from './FakePhone';
export type { OutboxEntry, PageStatus, ReceiveOptions, MediaInput, FakeOptions, WebDrift } from './types';
