import { SidecarError } from './SidecarError';

/** Errors of campaigns (issue 15). */

export class CampaignNotFoundError extends SidecarError {
	constructor(campaignId: string) {
		super('CAMPAIGN_NOT_FOUND', `There is no campaign "${campaignId}". GET /api/campaigns lists the campaigns this sidecar knows.`, { campaignId });
	}
}

export class CampaignNotActiveError extends SidecarError {
	constructor(campaignId: string, state: string) {
		super(
			'CAMPAIGN_NOT_ACTIVE',
			`The campaign "${campaignId}" is ${state}: it can no longer be paused or resumed. Create a new campaign to message these contacts again.`,
			{ campaignId, state },
		);
	}
}

/** Kept on one message's job: the template needs a variable its contact's row does not give. */
export class TemplateVariableMissingError extends SidecarError {
	constructor(variables: string[]) {
		super(
			'TEMPLATE_VARIABLE_MISSING',
			`The template uses ${variables.map((v) => `{{${v}}}`).join(', ')}, but this contact's variables do not give ${variables.length > 1 ? 'them' : 'it'}, ` +
				'so this message was not sent (the rest of the campaign goes on). Add the value to the contact, or remove it from the template.',
			{ variables },
		);
	}
}
