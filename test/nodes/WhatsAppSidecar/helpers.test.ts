import { toIsoDateTime } from '../../../nodes/WhatsAppSidecar/helpers/dateTime';

describe('toIsoDateTime', () => {
	it.each([
		['2030-01-02T09:00:00', 'Asia/Jakarta', '2030-01-02T02:00:00.000Z'],
		['2030-01-02 09:00', 'UTC', '2030-01-02T09:00:00.000Z'],
		['2030-01-02T09:00:00.05', 'UTC', '2030-01-02T09:00:00.050Z'],
		['2030-07-01T09:00:00', 'Europe/Berlin', '2030-07-01T07:00:00.000Z'], // summer time, UTC+2
		['2030-01-01T09:00:00', 'Europe/Berlin', '2030-01-01T08:00:00.000Z'], // winter time, UTC+1
		['2030-03-31T03:30:00', 'Europe/Berlin', '2030-03-31T01:30:00.000Z'], // the morning clocks go forward
		['2030-01-02T09:00:00Z', 'Asia/Jakarta', '2030-01-02T09:00:00.000Z'],
		['2030-01-02T09:00:00-05:00', 'Asia/Jakarta', '2030-01-02T14:00:00.000Z'],
	])('%s in %s is %s', (value, zone, iso) => {
		expect(toIsoDateTime(value, zone)).toBe(iso);
	});

	it('takes Dates and Luxon-like values, and leaves empty values out', () => {
		expect(toIsoDateTime(new Date('2030-01-02T09:00:00Z'), 'UTC')).toBe('2030-01-02T09:00:00.000Z');
		expect(toIsoDateTime({ toISO: () => '2030-01-02T09:00:00.000+07:00' }, 'UTC')).toBe('2030-01-02T02:00:00.000Z');
		expect(toIsoDateTime('', 'UTC')).toBeUndefined();
		expect(toIsoDateTime(undefined, 'UTC')).toBeUndefined();
	});

	it('answers null for what is not a date', () => {
		expect(toIsoDateTime('next week', 'UTC')).toBeNull();
		expect(toIsoDateTime(42, 'UTC')).toBeNull();
		expect(toIsoDateTime('2030-13-45T99:00:00Z', 'UTC')).toBeNull();
	});
});
