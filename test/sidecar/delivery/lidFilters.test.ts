import { matches, type Subscription } from '../../../sidecar/src/delivery/Subscription';
import { testEvent } from '../../support/events';

const subscription = (chats: string[]): Subscription => ({
	id: 'wh_1',
	url: 'http://127.0.0.1/hook',
	events: ['*'],
	sessions: null,
	filters: { chats },
	secret: 'a-secret-of-at-least-16',
	createdAt: '2025-01-01T00:00:00.000Z',
});

describe('the chats filter and LID-addressed chats', () => {
	const fromLid = (chatPhone: string | null) =>
		testEvent('message', { chatId: '201000000000001@lid', sender: '201000000000001@lid', chatPhone, chatLid: '201000000000001@lid', senderPhone: chatPhone });

	it('a chat filtered by phone number still matches once WhatsApp addresses it by LID', () => {
		expect(matches(subscription(['628111000001@c.us']), fromLid('628111000001'))).toBe(true);
		expect(matches(subscription(['628111000002@c.us']), fromLid('628111000001'))).toBe(false);
		expect(matches(subscription(['628111000001@c.us']), fromLid(null))).toBe(false);
	});

	it('a chat filtered by its LID matches', () => {
		expect(matches(subscription(['201000000000001@lid']), fromLid(null))).toBe(true);
	});
});
