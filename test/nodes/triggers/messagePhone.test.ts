import type { IDataObject } from 'n8n-workflow';
import { WhatsAppMessageTrigger } from '../../../nodes/WhatsAppMessageTrigger/WhatsAppMessageTrigger.node';
import { envelope, webhookContext } from './helpers';

const trigger = new WhatsAppMessageTrigger();

const lidMessage = (over: IDataObject): IDataObject => ({
	id: 'false_201000000000001@lid_A1',
	chatId: '201000000000001@lid',
	sender: '201000000000001@lid',
	senderLid: '201000000000001@lid',
	chatLid: '201000000000001@lid',
	fromMe: false,
	type: 'chat',
	text: 'hello',
	timestamp: 1_790_000_000,
	isGroup: false,
	media: null,
	session: 'desk',
	...over,
});

const itemOf = async (payload: IDataObject) => {
	const { ctx } = webhookContext(envelope('message', payload));
	return (await trigger.webhook.call(ctx)).workflowData![0][0].json;
};

describe('WhatsApp Message Trigger: the phone number of LID senders', () => {
	it('puts the contact\'s number in phone, beside senderPhone, when WhatsApp addresses them by LID', async () => {
		const item = await itemOf(lidMessage({ senderPhone: '628123456789', chatPhone: '628123456789' }));
		expect(item).toMatchObject({ phone: '628123456789', senderPhone: '628123456789', chatId: '201000000000001@lid' });
	});

	it('phone is null (not missing) when WhatsApp hides the number, so an IF node can test for it', async () => {
		const item = await itemOf(lidMessage({ senderPhone: null, chatPhone: null }));
		expect(item).toHaveProperty('phone', null);
		expect(item).toHaveProperty('senderPhone', null);
	});

	it('for this account\'s own message, phone is the chat\'s number, not the account\'s', async () => {
		const item = await itemOf(lidMessage({ fromMe: true, sender: '15550001111@c.us', senderPhone: '15550001111', chatPhone: '628123456789' }));
		expect(item.phone).toBe('628123456789');
	});

	it('says where the number is in the trigger itself', () => {
		const notice = trigger.description.properties.find((p) => p.type === 'notice');
		expect(notice?.displayName).toMatch(/phone/);
		expect(notice?.displayName).toMatch(/senderPhone/);
		expect(notice?.displayName).toMatch(/chatId/);
	});
});
