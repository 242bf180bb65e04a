import type { Message } from 'whatsapp-web.js';
import { FakePhone, FakeWhatsAppWeb } from '../fake-whatsapp-web';
import {
	editActivity,
	incomingCall,
	reactionActivity,
	revokeActivity,
	voteActivity,
	type LibraryCall,
	type LibraryMessage,
	type LibraryPollVote,
	type LibraryReaction,
} from '../../sidecar/src/sessions/engine/chatActivity';
import type { BareSession } from './support/bareClient';
import { pairedSession } from './support/pairedSession';

/**
 * The real whatsapp-web.js against the fake: a contact reacts, edits, deletes, votes and calls,
 * the library emits its events, and the engine's mapping (chatActivity.ts) reads them right.
 */
describe('reactions, edits, deletions, poll votes and calls from the phone', () => {
	let fake: FakeWhatsAppWeb;
	let session: BareSession;
	let phone: FakePhone;
	const contact = '6281234500001';
	const chat = `${contact}@c.us`;

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start();
		({ session, phone } = await pairedSession(fake, 'activity'));
	});
	afterAll(async () => {
		await session?.dispose();
		await fake.close();
	});
	afterEach(() => expect([...fake.unknownModules]).toEqual([]));

	it('a contact reacts to a message this account sent, then takes the reaction back', async () => {
		const sent = await session.client.sendMessage(chat, 'Your table is booked');
		const id = sent.id._serialized;
		await phone.react({ from: contact, messageId: id, emoji: '👍' });
		const [added] = (await session.log.next('message_reaction', (r: LibraryReaction) => r.reaction === '👍')) as [LibraryReaction];
		expect(reactionActivity(added)).toMatchObject({ kind: 'reaction', messageId: id, chatId: chat, sender: chat, fromMe: false, emoji: '👍' });

		await phone.react({ from: contact, messageId: id, emoji: '' });
		const [removed] = (await session.log.next('message_reaction', (r: LibraryReaction) => r.reaction === '')) as [LibraryReaction];
		expect(reactionActivity(removed)).toMatchObject({ kind: 'reaction', messageId: id, sender: chat, emoji: '' });
	});

	it('a group member reacts: the member is the sender, the group the chat', async () => {
		const group = { id: '120363000000000077', subject: 'Crew' };
		const { id } = await phone.receive({ from: '6281234500002', group, body: 'lunch?' });
		await phone.react({ from: '6281234500003', messageId: id, emoji: '🍕' });
		const [reaction] = (await session.log.next('message_reaction', (r: LibraryReaction) => r.reaction === '🍕')) as [LibraryReaction];
		expect(reactionActivity(reaction)).toMatchObject({ messageId: id, chatId: '120363000000000077@g.us', sender: '6281234500003@c.us' });
	});

	it('a contact edits a message: the new text and the one before', async () => {
		const { id } = await phone.receive({ from: contact, body: 'at 10' });
		await phone.editMessage(id, 'at 11');
		const [message, newBody, prevBody] = (await session.log.next('message_edit')) as [Message, string, string];
		expect(editActivity(message as unknown as LibraryMessage, newBody, prevBody)).toMatchObject({
			kind: 'edit',
			messageId: id,
			chatId: chat,
			sender: chat,
			fromMe: false,
			text: 'at 11',
			previousText: 'at 10',
		});
	});

	it('a contact deletes a message for everyone; this account deletes one for itself', async () => {
		const { id } = await phone.receive({ from: contact, body: 'oops' });
		await phone.revoke(id);
		const [revoked, before] = (await session.log.next('message_revoke_everyone')) as [Message, Message | undefined];
		expect(revoked.type).toBe('revoked');
		expect(revokeActivity(revoked as unknown as LibraryMessage, 'everyone', before as unknown as LibraryMessage)).toMatchObject({
			kind: 'revoke',
			messageId: id,
			chatId: chat,
			sender: chat,
			for: 'everyone',
		});
		// No edit event for the body a deletion empties.
		expect(session.log.all('message_edit').filter((e) => (e.args[0] as Message).id._serialized === id)).toEqual([]);

		const mine = await phone.receive({ from: contact, body: 'clear me' });
		await phone.deleteForMe(mine.id);
		const [gone] = (await session.log.next('message_revoke_me')) as [Message];
		expect(revokeActivity(gone as unknown as LibraryMessage, 'me')).toMatchObject({ messageId: mine.id, for: 'me', previousText: 'clear me' });
	});

	it('a contact votes in a poll: the names of the options chosen, then none', async () => {
		const poll = await phone.receivePoll({ from: contact, poll: { name: 'Still coming?', options: ['Yes', 'Reschedule'] } });
		await session.log.next('message', (m: Message) => m.id._serialized === poll.id);
		await phone.vote({ from: contact, pollId: poll.id, options: ['Reschedule'] });
		const [vote] = (await session.log.next('vote_update')) as [LibraryPollVote];
		const me = [session.client.info.wid._serialized];
		expect(voteActivity(vote, me)).toMatchObject({
			kind: 'vote',
			messageId: poll.id,
			chatId: chat,
			sender: chat,
			fromMe: false,
			pollName: 'Still coming?',
			selectedOptions: ['Reschedule'],
		});
		await phone.vote({ from: contact, pollId: poll.id, options: [] });
		const [withdrawn] = (await session.log.next('vote_update')) as [LibraryPollVote];
		expect(voteActivity(withdrawn, me)).toMatchObject({ messageId: poll.id, selectedOptions: [] });
	});

	it('a contact calls; Call.reject() declines it at the phone', async () => {
		const { id } = await phone.call({ from: contact, isVideo: true });
		const [libraryCall] = (await session.log.next('call')) as [LibraryCall];
		const call = incomingCall(libraryCall);
		expect(call).toMatchObject({ id, from: chat, isVideo: true, isGroup: false });
		await call!.reject();
		await phone.waitForRejectedCall(id);
		expect(phone.rejectedCalls).toEqual([expect.objectContaining({ callId: id, from: chat })]);
	});
});
