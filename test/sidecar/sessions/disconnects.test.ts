import { classifyDisconnect } from '../../../sidecar/src/sessions/disconnects';

describe('classifyDisconnect', () => {
	it.each([
		['LOGOUT', 'logged-out'],
		['UNPAIRED', 'logged-out'],
		['UNPAIRED_IDLE', 'logged-out'],
		['CONFLICT', 'conflict'],
		['TOS_BLOCK', 'fatal'],
		['DEPRECATED_VERSION', 'fatal'],
		['UNLAUNCHED', 'transient'],
		['something new', 'transient'],
	])('%s → %s', (reason, expected) => {
		expect(classifyDisconnect(reason)).toBe(expected);
	});
});
