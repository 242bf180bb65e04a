import type { Message } from 'whatsapp-web.js';
import { incomingMessage } from '../../../../sidecar/src/sessions/engine/incomingMessage';

/** Just the parts of a whatsapp-web.js Message that incomingMessage reads. */
function libraryMessage(media: { mimetype: string; filename?: string }): Message {
	return {
		id: { _serialized: 'false_628111@c.us_X1' },
		from: '628111@c.us',
		to: '15550001111@c.us',
		fromMe: false,
		type: 'document',
		body: '',
		timestamp: 1,
		hasQuotedMsg: false,
		hasMedia: true,
		_data: { mimetype: media.mimetype, filename: media.filename, size: 3 },
		downloadMedia: async () => ({ mimetype: media.mimetype, data: Buffer.from('abc').toString('base64'), filename: media.filename }),
	} as unknown as Message;
}

describe('incomingMessage: what the sender declares about media', () => {
	it('cleans a type with CR/LF and a name with an RTL override, in the message and in the download', async () => {
		const converted = await incomingMessage(libraryMessage({ mimetype: 'image/png\r\nX-Evil: 1', filename: 'a\u202egnp.exe' }));
		expect(converted.media).toEqual({ mimetype: 'application/octet-stream', filename: 'agnp.exe', size: 3 });
		const downloaded = await converted.downloadMedia!();
		expect(downloaded).toMatchObject({ mimetype: 'application/octet-stream', filename: 'agnp.exe' });
		expect(downloaded.data.toString()).toBe('abc');
	});

	it('keeps a sound type and name as they are', async () => {
		const converted = await incomingMessage(libraryMessage({ mimetype: 'audio/ogg; codecs=opus', filename: 'voice.ogg' }));
		expect(converted.media).toEqual({ mimetype: 'audio/ogg; codecs=opus', filename: 'voice.ogg', size: 3 });
	});
});
