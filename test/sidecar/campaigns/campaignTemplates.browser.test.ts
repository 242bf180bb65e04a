import { createHash, randomBytes } from 'crypto';
import type { FakePhone } from '../../fake-whatsapp-web';
import { useSidecarHarness } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';
import { apiOf, campaignJobs, campaignUntil, createCampaign, fastPacing, incoherence, readySession, WENT_OUT, type Json } from './campaignSupport';

const TEMPLATE = 'Hello {{name}}, your appointment is on {{date}} (room {{room}})';

/**
 * Campaign templates (issue 15) through the real library: each message's text is the template
 * rendered with its own variables, as the phone receives it; a message whose variables lack one
 * fails alone (TEMPLATE_VARIABLE_MISSING, naming it), an invalid recipient too (RECIPIENT_INVALID),
 * a repeated recipient is dropped, and the rest of the campaign goes out. Re-posting the same body
 * is the same campaign and sends nothing more.
 */
describe('campaign templates', () => {
	const h = useSidecarHarness();
	let t: TestSidecar;
	let phone: FakePhone;

	beforeAll(async () => {
		t = await h.sidecar({ env: { SIDECAR_DEFAULT_COUNTRY_CODE: '62', SIDECAR_CAMPAIGN_PROGRESS_MS: '500' } });
		phone = await readySession(t, h.fake, 'desk', '6281100000601', fastPacing());
	});
	afterAll(() => expect(h.fake.unknownModules).toEqual(new Set()));

	it('renders {{variables}} per message; a missing variable or a bad recipient fails only that message', async () => {
		const image = randomBytes(2048);
		const messages: Json[] = [
			{ to: '6285400000001', variables: { name: 'Ana', date: 'Monday', room: 3 }, reference: 'ana' },
			{ to: '+62 854-0000-0002', variables: { name: 'Budi', date: 'Tuesday', room: 12 }, reference: 'budi' },
			{ to: '6285400000003', variables: { name: 'Citra', room: 4 }, reference: 'citra' }, // no date
			{ to: 'not a number', variables: { name: 'Nobody', date: 'never', room: 0 }, reference: 'nobody' },
			{ to: '0854 0000 0001', variables: { name: 'Ana again', date: 'Monday', room: 3 }, reference: 'ana-again' }, // same person as the first
			{
				to: '6285400000005',
				media: { base64: image.toString('base64'), mimetype: 'image/png', filename: 'map.png' },
				variables: { name: 'Dewi', date: 'Friday', room: true },
				reference: 'dewi',
			},
		];
		const body = { name: 'Appointments', sessions: ['desk'], template: TEMPLATE, messages };
		const created = await createCampaign(apiOf(t), body);
		expect(created).toMatchObject({ template: TEMPLATE, total: 5, duplicatesDropped: 1 });
		const id = created.campaignId as string;

		const done = await campaignUntil(apiOf(t), id, (v) => v.state === 'finished', 'finished');
		expect(incoherence(done)).toEqual([]);
		expect(done.failedByCode).toEqual({ TEMPLATE_VARIABLE_MISSING: 1, RECIPIENT_INVALID: 1 });
		expect(done.counts.failed).toBe(2);

		const jobs = new Map((await campaignJobs(apiOf(t), id)).map((j) => [j.reference, j]));
		expect([...jobs.keys()].sort()).toEqual(['ana', 'budi', 'citra', 'dewi', 'nobody']);
		expect(jobs.get('citra')).toMatchObject({ status: 'failed', error: { code: 'TEMPLATE_VARIABLE_MISSING' } });
		expect(jobs.get('citra')!.error.message).toContain('date');
		expect(jobs.get('nobody')).toMatchObject({ status: 'failed', error: { code: 'RECIPIENT_INVALID' } });
		for (const ref of ['ana', 'budi', 'dewi']) expect([ref, WENT_OUT.has(jobs.get(ref)!.status)]).toEqual([ref, true]);

		// What the phone got: the template rendered with each message's own variables.
		const byId = new Map(phone.outbox().map((e) => [e.id, e]));
		expect(phone.outbox()).toHaveLength(3);
		expect(byId.get(jobs.get('ana')!.messageId)).toMatchObject({ to: '6285400000001@c.us', body: 'Hello Ana, your appointment is on Monday (room 3)' });
		expect(byId.get(jobs.get('budi')!.messageId)).toMatchObject({ to: '6285400000002@c.us', body: 'Hello Budi, your appointment is on Tuesday (room 12)' });
		// A media message without a caption takes the rendered template as its caption.
		expect(byId.get(jobs.get('dewi')!.messageId)).toMatchObject({
			type: 'image',
			caption: 'Hello Dewi, your appointment is on Friday (room true)',
			media: { sha256: createHash('sha256').update(image).digest('hex') },
		});
		expect(phone.outbox().some((e) => (e.body ?? e.caption ?? '').includes('{{'))).toBe(false);

		// The same body again: the same campaign, nothing sent twice.
		const again = await t.api('POST', '/api/campaigns', body);
		expect([again.status, again.body.duplicate, again.body.campaignId]).toEqual([200, true, id]);
		const failedOnly = await t.api('GET', `/api/campaigns/${id}/messages?status=failed`);
		expect(failedOnly.body.jobs.map((j: Json) => j.reference).sort()).toEqual(['citra', 'nobody']);
		expect(phone.outbox()).toHaveLength(3);
	});
});
