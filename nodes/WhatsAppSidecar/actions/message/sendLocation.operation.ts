import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { pacingNotice, recipientField, sessionLocator } from '../common.descriptions';
import { replyToOption, sendOptionsWith } from './messageOptions';
import { sendMessage } from './send';

const properties: INodeProperties[] = [
	pacingNotice,
	sessionLocator,
	recipientField,
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 7 },
		required: true,
		default: 0,
		placeholder: 'e.g. -6.2088',
		description: 'Decimal degrees, from -90 (south) to 90 (north). In Google Maps, right-click the place: the first number.',
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 7 },
		required: true,
		default: 0,
		placeholder: 'e.g. 106.8456',
		description: 'Decimal degrees, from -180 (west) to 180 (east). In Google Maps, right-click the place: the second number.',
	},
	{
		displayName: 'Name',
		name: 'locationName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Clinic North',
		description: 'The place\'s name, shown under the map (optional)',
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
		placeholder: 'e.g. Jl. Sudirman 1, Jakarta',
		description: 'The address, shown under the name (optional)',
	},
	sendOptionsWith([replyToOption]),
];

export const sendLocationDescription = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendLocation'] } },
	properties,
);

/** Queues a location pin (latitude and longitude, with an optional name and address). */
export async function sendLocation(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const location: IDataObject = {
		latitude: Number(this.getNodeParameter('latitude', itemIndex)),
		longitude: Number(this.getNodeParameter('longitude', itemIndex)),
	};
	const name = String(this.getNodeParameter('locationName', itemIndex, '')).trim();
	const address = String(this.getNodeParameter('address', itemIndex, '')).trim();
	if (name) location.name = name;
	if (address) location.address = address;
	return sendMessage.call(this, itemIndex, 'sendLocation', { location });
}
