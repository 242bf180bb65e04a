import { Location, Poll, type Message } from 'whatsapp-web.js';
import { FakePhone, FakeWhatsAppWeb } from '../fake-whatsapp-web';
import type { BareSession } from './support/bareClient';
import { pairedSession } from './support/pairedSession';

/**
 * The library's own calls for replies, mentions, locations, polls, contact cards and reactions,
 * straight against the fake: the phone gets what WhatsApp would, and the library reads back
 * the message it sent as it reads WhatsApp Web's.
 */
describe('sending content beyond text and media (library against the fake)', () => {
	let fake: FakeWhatsAppWeb;
	let session: BareSession;
	let phone: FakePhone;
	const chat = '6281234567891@c.us';
	const vcard = 'BEGIN:VCARD\nVERSION:3.0\nN:;Dr. Sari;;;\nFN:Dr. Sari\nTEL;type=CELL;type=VOICE;waid=6281200001111:+6281200001111\nEND:VCARD';

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start();
		({ session, phone } = await pairedSession(fake, 'content'));
	});
	afterAll(async () => {
		await session?.dispose();
		await fake.close();
		expect(fake.unknownModules).toEqual(new Set());
	});

	it('Message.reply quotes the message, with mentions; acks follow', async () => {
		const incoming = session.log.next('message', (m: Message) => m.body === 'Is Monday free?');
		await phone.receive({ from: '6281234567891', body: 'Is Monday free?' });
		const question = (await incoming)[0] as Message;
		const answer = await question.reply('@6281300001111 can take it', undefined, { mentions: ['6281300001111@c.us'] });
		expect(answer.hasQuotedMsg).toBe(true);
		expect((await answer.getQuotedMessage()).id._serialized).toBe(question.id._serialized);
		const entry = phone.outbox().find((e) => e.id === answer.id._serialized)!;
		expect(entry).toMatchObject({ type: 'chat', quotedId: question.id.id, mentions: ['6281300001111@c.us'] });
		await phone.ack(answer.id._serialized, 2);
		await session.log.next('message_ack', (m: Message, ack: number) => m.id._serialized === answer.id._serialized && ack === 2);
	});

	it('a Location is a location message the library reads back with its coordinates and text', async () => {
		const sent = await session.client.sendMessage(chat, new Location(-6.2088, 106.8456, { name: 'Clinic North', address: 'Jl. Sudirman 1' }));
		expect(sent.type).toBe('location');
		expect(sent.location).toMatchObject({ latitude: -6.2088, longitude: 106.8456, description: 'Clinic North\nJl. Sudirman 1' });
		expect(phone.outbox().find((e) => e.id === sent.id._serialized)?.location).toEqual({
			latitude: -6.2088,
			longitude: 106.8456,
			description: 'Clinic North\nJl. Sudirman 1',
		});
	});

	it('a Poll is a poll_creation message: question, options, one or several answers', async () => {
		const single = await session.client.sendMessage(chat, new Poll('Monday 10:00?', ['Yes', 'Reschedule']));
		const several = await session.client.sendMessage(chat, new Poll('Which days?', ['Mon', 'Tue'], { allowMultipleAnswers: true, messageSecret: undefined }));
		expect([single.type, single.pollName, (single.pollOptions as unknown as Array<{ name: string }>).map((o) => o.name), single.allowMultipleAnswers]).toEqual(['poll_creation', 'Monday 10:00?', ['Yes', 'Reschedule'], false]);
		expect(several.allowMultipleAnswers).toBe(true);
		const polls = phone.outbox().filter((e) => e.type === 'poll_creation').map((e) => e.poll);
		expect(polls).toEqual([
			{ question: 'Monday 10:00?', options: ['Yes', 'Reschedule'], selectableCount: 1 },
			{ question: 'Which days?', options: ['Mon', 'Tue'], selectableCount: 0 },
		]);
	});

	it('a vCard string becomes a contact card; several go as multi_vcard', async () => {
		const card = await session.client.sendMessage(chat, vcard);
		expect([card.type, card.vCards]).toEqual(['vcard', [vcard]]);
		const second = vcard.replace(/Dr\. Sari/g, 'Front desk').replace(/6281200001111/g, '6281200002222');
		const cards = await session.client.sendMessage(chat, '', {
			linkPreview: false,
			extra: { type: 'multi_vcard', body: null, vcardList: [{ displayName: 'Dr. Sari', vcard }, { displayName: 'Front desk', vcard: second }] },
		});
		expect([cards.type, cards.vCards]).toEqual(['multi_vcard', [vcard, second]]);
		expect(phone.outbox().find((e) => e.id === card.id._serialized)?.vcards).toEqual([vcard]);
		expect(phone.outbox().find((e) => e.id === cards.id._serialized)?.vcards).toEqual([vcard, second]);
	});

	it('Message.react puts an emoji on the message, and an empty one takes it off; getMessageById finds the target', async () => {
		const incoming = session.log.next('message', (m: Message) => m.body === 'Thanks!');
		await phone.receive({ from: '6281234567891', body: 'Thanks!' });
		const thanks = (await incoming)[0] as Message;
		const found = await session.client.getMessageById(thanks.id._serialized);
		await found!.react('🙏');
		await session.client.sendReaction(thanks.id._serialized, '');
		expect(await phone.waitForReactions(2)).toEqual([
			expect.objectContaining({ targetId: thanks.id._serialized, chat, emoji: '🙏' }),
			expect.objectContaining({ targetId: thanks.id._serialized, chat, emoji: '' }),
		]);
		expect(await session.client.getMessageById(`false_${chat}_3A00000000000000DEAD`)).toBeNull();
	});
});
