import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { referenceFromField } from '../../../../sidecar/src/contract';
import { textParameter } from '../message/send';

type Variable = string | number | boolean | null;

/**
 * One contact's message of a campaign, from its input item: who gets it, its variables (with a
 * template) or its own text, and its reference. Problems name the item.
 */
export function campaignMessage(this: IExecuteFunctions, itemIndex: number, withTemplate: boolean): IDataObject {
	const to = textParameter(this.getNodeParameter('to', itemIndex, ''));
	if (!to) {
		throw new NodeOperationError(this.getNode(), 'A contact has no recipient in "To"', {
			itemIndex,
			description: `Input item ${itemIndex} (the first is 0) gives no phone number. Each input item is one contact and needs one (by default its "phone" field).`,
		});
	}
	const message: IDataObject = { to };
	if (withTemplate) {
		message.variables = variablesOf.call(this, itemIndex);
	} else {
		const text = textParameter(this.getNodeParameter('text', itemIndex, ''));
		if (!text) {
			throw new NodeOperationError(this.getNode(), 'A contact has no text', {
				itemIndex,
				description: `"Text" is empty for input item ${itemIndex} (the first is 0). Give each contact a text, or choose Template.`,
			});
		}
		message.text = text;
	}
	const reference = referenceFromField(this.getNodeParameter('reference', itemIndex, '')) ?? this.getInputData()[itemIndex]?.json?.id ?? undefined;
	if (reference !== undefined && reference !== null) message.reference = reference as IDataObject;
	return message;
}

/** The contact's template variables: every field of the item, or the pairs defined in the node. */
function variablesOf(this: IExecuteFunctions, itemIndex: number): Record<string, Variable> {
	if (this.getNodeParameter('variablesFrom', itemIndex, 'allFields') === 'list') {
		const { values = [] } = this.getNodeParameter('variables', itemIndex, {}) as { values?: Array<{ name?: unknown; value?: unknown }> };
		const variables: Record<string, Variable> = {};
		for (const { name, value } of values) {
			const key = String(name ?? '').trim();
			if (key) variables[key] = asVariable(value);
		}
		return variables;
	}
	const json = this.getInputData()[itemIndex]?.json ?? {};
	const variables: Record<string, Variable> = {};
	for (const [key, value] of Object.entries(json)) if (value !== undefined) variables[key] = asVariable(value);
	return variables;
}

/** A value the sidecar takes as a variable: text, a number, true/false or null; anything else as its JSON text. */
function asVariable(value: unknown): Variable {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (value instanceof Date) return value.toISOString();
	return JSON.stringify(value);
}
