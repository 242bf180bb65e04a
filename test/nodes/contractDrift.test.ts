import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';
import { WhatsAppGroupTrigger } from '../../nodes/WhatsAppGroupTrigger/WhatsAppGroupTrigger.node';
import { WhatsAppAckTrigger } from '../../nodes/WhatsAppAckTrigger/WhatsAppAckTrigger.node';
import { WhatsAppMessageTrigger } from '../../nodes/WhatsAppMessageTrigger/WhatsAppMessageTrigger.node';
import { WhatsAppSessionTrigger } from '../../nodes/WhatsAppSessionTrigger/WhatsAppSessionTrigger.node';
import { WhatsAppSidecar } from '../../nodes/WhatsAppSidecar/WhatsAppSidecar.node';
import { ANNOUNCED_JOB_STATUSES, EVENT_TYPES, LANES, SESSION_STATUSES } from '../../sidecar/src/contract';
import { hookContext } from './triggers/helpers';

/** Every option value of the node's parameter `name` (in any of its collections). */
function optionValues(nodeType: INodeType, name: string): unknown[] {
	const found: unknown[] = [];
	const visit = (properties: INodeProperties[] | undefined) => {
		for (const property of properties ?? []) {
			if (property.name === name) for (const option of property.options ?? []) if ('value' in option) found.push(option.value);
			visit(property.options?.filter((o): o is INodeProperties => 'displayName' in o && 'type' in o));
		}
	};
	visit(nodeType.description.properties);
	if (!found.length) throw new Error(`${nodeType.description.name} has no options for "${name}"`);
	return found;
}

/** The events a trigger registers for, with every option of `parameter` chosen. */
async function subscribedEvents(trigger: INodeType, params: IDataObject): Promise<string[]> {
	const ctx = hookContext(params);
	ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_1' });
	await trigger.webhookMethods!.default!.create!.call(ctx);
	const [, request] = ctx.helpers.httpRequestWithAuthentication.mock.calls[0];
	return (request.body as { events: string[] }).events;
}

/**
 * The nodes offer only what the contract has, and everything the sidecar can
 * announce is something a trigger can subscribe to: a value added on one side
 * only fails here.
 */
describe('the nodes and the contract', () => {
	const ack = new WhatsAppAckTrigger();
	const session = new WhatsAppSessionTrigger();
	const message = new WhatsAppMessageTrigger();

	it('offer only values the contract has', () => {
		expect(optionValues(ack, 'statuses')).toEqual(expect.arrayContaining([...ANNOUNCED_JOB_STATUSES]));
		for (const value of optionValues(ack, 'statuses')) expect(ANNOUNCED_JOB_STATUSES).toContain(value);
		for (const value of optionValues(session, 'statuses')) expect(SESSION_STATUSES).toContain(value);
		expect(optionValues(session, 'statuses')).toHaveLength(SESSION_STATUSES.length);
		for (const value of optionValues(session, 'events')) expect(EVENT_TYPES).toContain(value);
		for (const value of optionValues(message, 'events')) expect(EVENT_TYPES).toContain(value);
		for (const value of optionValues(ack, 'campaignEvents')) expect(EVENT_TYPES).toContain(value);
		expect([...new Set(optionValues(new WhatsAppSidecar(), 'lane'))].sort()).toEqual([...LANES].sort());
	});

	it('can, between the three triggers, subscribe to every event the contract has', async () => {
		const reachable = new Set([
			...(await subscribedEvents(ack, { statuses: optionValues(ack, 'statuses'), campaignEvents: optionValues(ack, 'campaignEvents') })),
			...(await subscribedEvents(session, { events: optionValues(session, 'events') })),
			...(await subscribedEvents(new WhatsAppGroupTrigger(), { events: optionValues(new WhatsAppGroupTrigger(), 'events') })),
			...(await subscribedEvents(message, { events: optionValues(message, 'events') })),
		]);
		expect(EVENT_TYPES.filter((type) => !reachable.has(type))).toEqual([]);
	});
});
