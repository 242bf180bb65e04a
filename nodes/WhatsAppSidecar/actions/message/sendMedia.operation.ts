import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { pacingNotice, recipientField, sessionLocator } from '../common.descriptions';
import { sendMessage } from './send';
import { mentionsOption, replyToOption, sendOptionsWith } from './messageOptions';

const properties: INodeProperties[] = [
	pacingNotice,
	sessionLocator,
	recipientField,
	{
		displayName: 'Media Source',
		name: 'mediaSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Base64 Text', value: 'base64', description: 'The file as base64 text, with its MIME type' },
			{ name: 'Binary File', value: 'binary', description: 'A file from an earlier node (e.g. Read File, HTTP Request)' },
			{ name: 'URL', value: 'url', description: 'A public link the sidecar downloads when the message is sent' },
		],
		default: 'binary',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions: { show: { mediaSource: ['binary'] } },
		hint: 'The name of the input binary field holding the file',
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/invoice.pdf',
		displayOptions: { show: { mediaSource: ['url'] } },
		description: 'A link anyone can open (http or https). Links to private or local addresses are refused.',
	},
	{
		displayName: 'Base64 Data',
		name: 'base64Data',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		displayOptions: { show: { mediaSource: ['base64'] } },
		description: 'The file as base64 text (a data: URL prefix is fine)',
	},
	{
		displayName: 'MIME Type',
		name: 'mimeType',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. image/png',
		displayOptions: { show: { mediaSource: ['base64'] } },
		description: 'What kind of file it is',
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Text shown with the media',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. invoice.pdf',
		description: "The name the recipient sees for a document. Leave empty to keep the binary file's own name.",
	},
	sendOptionsWith([mentionsOption, replyToOption]),
];

export const sendMediaDescription = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendMedia'] } },
	properties,
);

/** Queues an image, video, audio or document, from a binary field, a URL or base64. */
export async function sendMedia(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const caption = String(this.getNodeParameter('caption', itemIndex, ''));
	const content: IDataObject = { media: await readMedia.call(this, itemIndex) };
	if (caption) content.caption = caption;
	return sendMessage.call(this, itemIndex, 'sendMedia', content);
}

async function readMedia(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const source = this.getNodeParameter('mediaSource', itemIndex) as string;
	const fileName = String(this.getNodeParameter('fileName', itemIndex, '')).trim();
	const named = (media: IDataObject, fallback?: string): IDataObject =>
		fileName || fallback ? { ...media, filename: fileName || fallback } : media;

	if (source === 'url') {
		const url = String(this.getNodeParameter('mediaUrl', itemIndex)).trim();
		return named({ url });
	}
	if (source === 'base64') {
		const base64 = String(this.getNodeParameter('base64Data', itemIndex)).trim();
		const mimetype = String(this.getNodeParameter('mimeType', itemIndex)).trim();
		if (!mimetype) throw new NodeOperationError(this.getNode(), 'Enter the MIME type of the file, e.g. image/png', { itemIndex });
		return named({ base64, mimetype });
	}
	const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	return named({ base64: buffer.toString('base64'), mimetype: binary.mimeType }, binary.fileName);
}
