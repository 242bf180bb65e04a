import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** The "Message ID" field of Reply and React: a WhatsApp message id, required. */
export function messageIdParameter(this: IExecuteFunctions, itemIndex: number): string {
	const id = String(this.getNodeParameter('messageId', itemIndex, '') ?? '').trim();
	if (!id || id === 'undefined' || id === 'null') {
		throw new NodeOperationError(this.getNode(), 'Enter the WhatsApp message ID in "Message ID"', {
			itemIndex,
			description: 'Map it from the WhatsApp Message Trigger ({{ $json.id }}), or from a sent message\'s "messageId".',
		});
	}
	return id;
}

