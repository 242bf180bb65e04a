import type { FakePhone } from '../../fake-whatsapp-web';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

/**
 * Contact profiles and blocking through the whole sidecar over HTTP and the real
 * whatsapp-web.js against the fake: picture, about, business profile, and the block
 * list as the phone sees it.
 */
describe('contact profiles through the real library', () => {
	const h = useSidecarHarness();
	let t: TestSidecar;
	let phone: FakePhone;
	const base = '/api/sessions/clinic';

	beforeAll(async () => {
		t = await h.sidecar({ env: { SIDECAR_PACING: 'off' } });
		await t.api('POST', '/api/sessions', { id: 'clinic' });
		phone = await scanSession(t, h.fake, 'clinic', '6281100000300');
		await waitForSession(t, 'clinic', status('READY'));
		await phone.waitUntilListening();
	});
	afterAll(() => expect(h.fake.unknownModules).toEqual(new Set()));

	it('a person with a picture and an about text', async () => {
		h.fake.profiles.set('628120000301', { about: 'Available 9–17', picture: 'https://pps.whatsapp.net/v/t61/301.jpg', pushname: 'Dewi' });
		const res = await t.api('GET', `${base}/contacts/+62 812-0000-301/profile`);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			input: '+62 812-0000-301',
			id: '628120000301@c.us',
			name: null,
			pushname: 'Dewi',
			profilePictureUrl: 'https://pps.whatsapp.net/v/t61/301.jpg',
			about: 'Available 9–17',
			isBusiness: false,
			business: null,
			isBlocked: false,
		});
	});

	it('a person who shows nothing: picture and about are null', async () => {
		const res = await t.api('GET', `${base}/contacts/628120000302@c.us/profile`);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: '628120000302@c.us', profilePictureUrl: null, about: null, isBusiness: false, business: null });
	});

	it('a business: its profile basics', async () => {
		h.fake.profiles.set('628120000303', {
			about: 'Open every day',
			business: { description: 'Dental clinic', category: 'Medical & Health', email: 'desk@clinic.example', website: ['https://clinic.example'], address: 'Jl. Sudirman 1' },
		});
		const res = await t.api('GET', `${base}/contacts/628120000303/profile`);
		expect(res.body).toMatchObject({
			isBusiness: true,
			about: 'Open every day',
			business: { description: 'Dental clinic', category: 'Medical & Health', email: 'desk@clinic.example', website: ['https://clinic.example'], address: 'Jl. Sudirman 1' },
		});
	});

	it('a LID-only person is looked up by their linked id', async () => {
		h.fake.addContact({ lid: '201000000000304' });
		h.fake.profiles.set('201000000000304@lid', { about: 'hidden number, visible about' });
		const res = await t.api('GET', `${base}/contacts/201000000000304@lid/profile`);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: '201000000000304@lid', about: 'hidden number, visible about' });
	});

	it('block and unblock: the phone\'s block list changes, and the profile says it', async () => {
		await phone.receive({ from: '628120000305', body: 'buy cheap watches' });
		const blocked = await t.api('POST', `${base}/contacts/628120000305/block`);
		expect(blocked.status).toBe(200);
		expect(blocked.body).toEqual({ contactId: '628120000305@c.us', blocked: true });
		expect([...phone.chats.blocked]).toContain('628120000305@c.us');
		expect((await t.api('GET', `${base}/contacts/628120000305/profile`)).body.isBlocked).toBe(true);

		const unblocked = await t.api('POST', `${base}/contacts/628120000305@c.us/unblock`);
		expect(unblocked.body).toEqual({ contactId: '628120000305@c.us', blocked: false });
		expect([...phone.chats.blocked]).not.toContain('628120000305@c.us');
		expect((await t.api('GET', `${base}/contacts/628120000305/profile`)).body.isBlocked).toBe(false);
	});

	it('a number not on WhatsApp is NOT_ON_WHATSAPP, a group or no number at all is RECIPIENT_INVALID, on each route', async () => {
		h.fake.setUnregistered(['628120000399']);
		for (const [method, route] of [
			['GET', 'profile'],
			['POST', 'block'],
			['POST', 'unblock'],
		]) {
			const missing = await t.api(method, `${base}/contacts/628120000399/${route}`);
			expect([route, missing.status, missing.body.error.code]).toEqual([route, 422, 'NOT_ON_WHATSAPP']);
			const group = await t.api(method, `${base}/contacts/120363000000000399@g.us/${route}`);
			expect([route, group.status, group.body.error.code]).toEqual([route, 400, 'RECIPIENT_INVALID']);
			const bad = await t.api(method, `${base}/contacts/nobody/${route}`);
			expect([route, bad.status, bad.body.error.code]).toEqual([route, 400, 'RECIPIENT_INVALID']);
		}
		expect(phone.chats.blocked.size).toBe(0);
	});

	it('SESSION_NOT_READY while the session is not READY', async () => {
		await t.api('POST', '/api/sessions', { id: 'idle', start: false });
		for (const [method, route] of [
			['GET', 'profile'],
			['POST', 'block'],
			['POST', 'unblock'],
		]) {
			const res = await t.api(method, `/api/sessions/idle/contacts/628120000301/${route}`);
			expect([route, res.status, res.body.error.code]).toEqual([route, 409, 'SESSION_NOT_READY']);
		}
	});
});
