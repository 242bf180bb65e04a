import {
	editActivity,
	incomingCall,
	reactionActivity,
	revokeActivity,
	voteActivity,
} from '../../../../sidecar/src/sessions/engine/chatActivity';

/** The library's shapes as the page serializes them (ids as `{_serialized}` objects, keys with `remote`). */
const key = (fromMe: boolean, remote: string, id: string, participant?: string) => ({
	fromMe,
	remote: { server: remote.split('@')[1], user: remote.split('@')[0], _serialized: remote },
	id,
	_serialized: `${fromMe}_${remote}_${id}${participant ? `_${participant}` : ''}`,
});

describe('chatActivity: the library’s reaction, edit, revoke, vote and call events, read', () => {
	it('a reaction: the message reacted to, its chat, who, the emoji; an empty one stays empty', () => {
		const reaction = { id: key(false, '628111@c.us', 'R1'), msgId: key(true, '628111@c.us', 'M1'), senderId: '628111@c.us', reaction: '👍', timestamp: 1_700_000_000.5 };
		expect(reactionActivity(reaction)).toEqual({
			kind: 'reaction',
			messageId: 'true_628111@c.us_M1',
			chatId: '628111@c.us',
			sender: '628111@c.us',
			fromMe: false,
			timestamp: 1_700_000_000,
			emoji: '👍',
			reactionId: 'false_628111@c.us_R1',
		});
		expect(reactionActivity({ ...reaction, reaction: '' })).toMatchObject({ emoji: '' });
		// This account's own reaction (from the phone): the reaction's key is fromMe.
		expect(reactionActivity({ ...reaction, id: key(true, '628111@c.us', 'R2') })).toMatchObject({ fromMe: true });
	});

	it('a reaction whose keys came as strings: the chat from the serialized id', () => {
		expect(reactionActivity({ id: 'false_120363@g.us_R_628@c.us', msgId: 'false_120363@g.us_M_629@c.us', senderId: '628@c.us', reaction: '🔥' })).toMatchObject({
			messageId: 'false_120363@g.us_M_629@c.us',
			chatId: '120363@g.us',
			fromMe: false,
		});
	});

	it('an edit: new and previous text; a group member is the sender', () => {
		const message = { id: key(false, '120363@g.us', 'M2', '628222@c.us'), from: '120363@g.us', author: '628222@c.us', fromMe: false, body: 'new', timestamp: 1_700_000_100 };
		expect(editActivity(message, 'new', 'old')).toEqual({
			kind: 'edit',
			messageId: 'false_120363@g.us_M2_628222@c.us',
			chatId: '120363@g.us',
			sender: '628222@c.us',
			fromMe: false,
			timestamp: 1_700_000_100,
			text: 'new',
			previousText: 'old',
		});
		expect(editActivity(message, 'new', undefined)).toMatchObject({ previousText: null });
	});

	it('a deletion: for everyone with the text from before when the library had it; for me with its own text', () => {
		const revoked = { id: key(true, '628111@c.us', 'M3'), from: '628000@c.us', to: '628111@c.us', fromMe: true, body: '', timestamp: 1 };
		expect(revokeActivity(revoked, 'everyone')).toMatchObject({ messageId: 'true_628111@c.us_M3', chatId: '628111@c.us', sender: '628000@c.us', fromMe: true, for: 'everyone', previousText: null });
		expect(revokeActivity(revoked, 'everyone', { ...revoked, body: 'typo' })).toMatchObject({ previousText: 'typo' });
		expect(revokeActivity({ ...revoked, body: 'mine' }, 'me')).toMatchObject({ for: 'me', previousText: 'mine' });
	});

	it('a poll vote: the option names, the poll, whether this account voted', () => {
		const vote = {
			voter: { _serialized: '628111@c.us' },
			selectedOptions: [{ name: 'Yes', localId: 0 }, { name: undefined, localId: 3 }],
			interractedAtTs: 1_700_000_200_000,
			parentMsgKey: key(true, '628111@c.us', 'P1'),
			parentMessage: { pollName: 'Coming?', body: 'Coming?' },
		};
		expect(voteActivity(vote, ['628000@c.us'])).toEqual({
			kind: 'vote',
			messageId: 'true_628111@c.us_P1',
			chatId: '628111@c.us',
			sender: '628111@c.us',
			fromMe: false,
			timestamp: 1_700_000_200,
			pollName: 'Coming?',
			// An option the page could not name is left out.
			selectedOptions: ['Yes'],
		});
		expect(voteActivity({ ...vote, voter: '628000@c.us', selectedOptions: [] }, ['628000@c.us'])).toMatchObject({ fromMe: true, selectedOptions: [] });
	});

	it('a call: incoming ones with their caller and a way to decline; outgoing ones are not news', async () => {
		const reject = jest.fn().mockResolvedValue(undefined);
		const call = incomingCall({ id: 'C1', from: { _serialized: '628111@c.us' }, isVideo: true, isGroup: false, timestamp: 5, fromMe: false, reject });
		expect(call).toMatchObject({ id: 'C1', from: '628111@c.us', isVideo: true, isGroup: false, timestamp: 5 });
		await call!.reject();
		expect(reject).toHaveBeenCalledTimes(1);
		expect(incomingCall({ id: 'C2', from: '628111@c.us', fromMe: true, reject })).toBeUndefined();
	});
});
