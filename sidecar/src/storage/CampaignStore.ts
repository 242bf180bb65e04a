import type { Keyv } from 'keyv';
import type { Database } from './database';
import type { KeyedWrites } from './KeyedWrites';
import type { CampaignRecord, ContactAssignment } from './records';

/**
 * Campaigns and the sticky contact → number assignments (issue 15): one keyv
 * entry each, read into memory at boot. A campaign's messages are jobs in the
 * JobStore (MessageJob.campaignId); only its settings and state live here.
 */
export class CampaignStore {
	private readonly campaigns: Keyv<CampaignRecord>;
	private readonly assignments: Keyv<ContactAssignment>;
	private readonly writes: KeyedWrites;
	private readonly byId = new Map<string, CampaignRecord>();
	private readonly byKey = new Map<string, string>();
	private readonly byContact = new Map<string, ContactAssignment>();

	constructor(database: Database) {
		this.writes = database.writes();
		this.campaigns = database.namespace<CampaignRecord>('campaigns');
		this.assignments = database.namespace<ContactAssignment>('campaign-assignments');
	}

	async load(): Promise<void> {
		for await (const [, value] of this.campaigns.iterator!(undefined)) this.index(value as CampaignRecord);
		for await (const [, value] of this.assignments.iterator!(undefined)) {
			const assignment = value as ContactAssignment;
			this.byContact.set(assignment.contact, assignment);
		}
	}

	get(id: string): CampaignRecord | undefined {
		return this.byId.get(id);
	}

	byIdempotencyKey(key: string): CampaignRecord | undefined {
		const id = this.byKey.get(key);
		return id ? this.byId.get(id) : undefined;
	}

	/** Newest first. */
	all(): CampaignRecord[] {
		return [...this.byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
	}

	/** Known at once, on disk when this resolves. */
	async save(campaign: CampaignRecord): Promise<void> {
		this.index(campaign);
		const snapshot = structuredClone(campaign);
		await this.writes.run(`c:${campaign.id}`, () => this.campaigns.set(campaign.id, snapshot));
	}

	/** The number a contact was last given (whatever campaign gave it). */
	assignment(contact: string): ContactAssignment | undefined {
		return this.byContact.get(contact);
	}

	async assign(contact: string, session: string): Promise<void> {
		if (this.byContact.get(contact)?.session === session) return;
		const assignment = { contact, session, at: new Date().toISOString() };
		this.byContact.set(contact, assignment);
		await this.writes.run(`a:${contact}`, () => this.assignments.set(contact, assignment));
	}

	flush(): Promise<void> {
		return this.writes.flush();
	}

	private index(campaign: CampaignRecord): void {
		this.byId.set(campaign.id, campaign);
		this.byKey.set(campaign.idempotencyKey, campaign.id);
	}
}
