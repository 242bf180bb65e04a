import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { groupIdField, groupIdOf, groupPath } from './fields';

const toggle = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	options: [
		{ name: 'No', value: 'off' },
		{ name: 'Yes', value: 'on' },
	],
	default: 'on',
	description,
});

const properties: INodeProperties[] = [
	sessionLocator,
	groupIdField,
	{
		displayName: 'Changes',
		name: 'changes',
		type: 'collection',
		placeholder: 'Add change',
		default: {},
		description: 'Only what is added here changes; the rest stays as it is',
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'The group\'s description (empty clears it), up to 2048 characters' },
			{ displayName: 'Group Name', name: 'subject', type: 'string', default: '', description: 'The group\'s new name (subject), up to 100 characters' },
			toggle('Only Admins Can Edit Group Info', 'infoAdminsOnly', 'Whether only admins can change the name, description and picture'),
			toggle('Only Admins Can Send Messages', 'messagesAdminsOnly', 'Whether only admins can send messages to the group'),
		],
	},
];

export const updateSettingsDescription = updateDisplayOptions({ show: { resource: ['group'], operation: ['updateSettings'] } }, properties);

/** Changes the group's name, description and/or who can send messages and edit the info. Answers the group as it is afterwards. */
export async function updateSettings(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const groupId = groupIdOf.call(this, itemIndex);
	const changes = this.getNodeParameter('changes', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (typeof changes.subject === 'string') body.subject = changes.subject.trim();
	if (typeof changes.description === 'string') body.description = changes.description;
	const settings: IDataObject = {};
	for (const name of ['messagesAdminsOnly', 'infoAdminsOnly']) {
		if (changes[name] !== undefined) settings[name] = changes[name] === 'on' || changes[name] === true;
	}
	if (Object.keys(settings).length) body.settings = settings;
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), 'Add at least one change', {
			itemIndex,
			description: 'Under Changes, add the group name, the description, or one of the admins-only settings.',
		});
	}
	const answer = await sidecarRequest.call(this, 'PATCH', sessionPath(session, groupPath(groupId)), body);
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
