import type { INodeProperties } from 'n8n-workflow';
import { sessionLocator } from '../common.descriptions';
import { create, createDescription } from './create.operation';
import { getPairingCode, getPairingCodeDescription } from './getPairingCode.operation';
import { getQr } from './getQr.operation';
import { getStatus } from './getStatus.operation';
import { list } from './list.operation';
import { logout } from './logout.operation';
import { restart } from './restart.operation';
import { start } from './start.operation';
import { stop } from './stop.operation';

export const sessionOperations = { create, getQr, getStatus, list, logout, restart, start, stop, getPairingCode };

export const sessionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['session'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add a session for another phone number',
				action: 'Create a session',
			},
			{
				name: 'Get Pairing Code',
				value: 'getPairingCode',
				description: 'Get a code to type on the phone instead of scanning a QR (Linked devices → Link with phone number instead)',
				action: 'Get a pairing code for a session',
			},
			{
				name: 'Get QR',
				value: 'getQr',
				description: 'Get the QR code to scan with WhatsApp on the phone (Linked devices) as an image',
				action: 'Get the QR code of a session',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'See whether the session is connected (READY), waiting for a QR scan, reconnecting…',
				action: 'Get the status of a session',
			},
			{
				name: 'List',
				value: 'list',
				description: 'List every session with its status',
				action: 'List sessions',
			},
			{
				name: 'Logout',
				value: 'logout',
				description: 'Unlink the phone; the next start needs a new QR scan',
				action: 'Log out a session',
			},
			{
				name: 'Restart Session',
				value: 'restart',
				description: 'Stop and start the session again, e.g. when it seems stuck (the phone stays linked)',
				action: 'Restart a session',
			},
			{
				name: 'Start',
				value: 'start',
				description: 'Start the session; a new one then shows a QR code',
				action: 'Start a session',
			},
			{
				name: 'Stop',
				value: 'stop',
				description: 'Stop the session and close its browser (the phone stays linked)',
				action: 'Stop a session',
			},
		],
		default: 'getStatus',
	},
	{
		...sessionLocator,
		displayOptions: {
			show: { resource: ['session'], operation: ['getQr', 'getStatus', 'logout', 'restart', 'start', 'stop'] },
		},
	},
	...createDescription,
	...getPairingCodeDescription,
];
