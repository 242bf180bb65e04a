import { ERROR_CODES, REQUEST_ERROR_CODES, type ErrorCode } from '../../../sidecar/src/contract';
import * as errors from '../../../sidecar/src/errors';
import { HTTP_STATUS } from '../../../sidecar/src/http/errorStatus';
import { openApiDocument } from '../../../sidecar/src/http/openapi';

/** One error of each code, made the way the sidecar makes it. */
const SAMPLES: Record<ErrorCode, errors.SidecarError> = {
	API_KEY_MISSING: new errors.ApiKeyMissingError(),
	API_KEY_INVALID: new errors.ApiKeyInvalidError(),
	ROUTE_NOT_FOUND: new errors.RouteNotFoundError('GET', '/api/nope'),
	PATH_INVALID: new errors.PathInvalidError('/api/sessions/%FF'),
	INVALID_JSON: new errors.InvalidJsonError(),
	VALIDATION_FAILED: new errors.ValidationError('The request is not valid: to: required'),
	BODY_TOO_LARGE: new errors.BodyTooLargeError(32 * 1024 * 1024, 40 * 1024 * 1024),
	BODY_INCOMPLETE: new errors.BodyIncompleteError(),
	UNSUPPORTED_MEDIA_TYPE: new errors.UnsupportedMediaTypeError('text/plain'),
	CONTENT_ENCODING_UNSUPPORTED: new errors.ContentEncodingUnsupportedError('zstd'),
	CONTENT_ENCODING_INVALID: new errors.ContentEncodingInvalidError('gzip'),
	REQUEST_INVALID: new errors.RequestInvalidError(400, 'something new'),
	INTERNAL: new errors.InternalError(),
	STORAGE_UNAVAILABLE: new errors.StorageUnavailableError('/data/sidecar.sqlite', 'SQLITE_FULL: database or disk is full'),
	SESSION_ID_INVALID: new errors.SessionIdInvalidError('../etc'),
	SESSION_NOT_FOUND: new errors.SessionNotFoundError('clinic'),
	SESSION_EXISTS: new errors.SessionExistsError('clinic'),
	SESSION_LIMIT_REACHED: new errors.SessionLimitReachedError(10),
	SESSION_NOT_RUNNING: new errors.SessionNotRunningError('clinic', 'STOPPED'),
	SESSION_NOT_READY: new errors.SessionNotReadyError('clinic', 86_400_000),
	QR_NOT_AVAILABLE: new errors.QrNotAvailableError('READY'),
	QR_RATE_LIMITED: new errors.QrRateLimitedError(60),
	BROWSER_NOT_FOUND: new errors.BrowserUnavailableError('No Chromium found: install chromium.'),
	PAIRING_CODE_NOT_AVAILABLE: new errors.PairingCodeNotAvailableError('clinic', 'READY'),
	PAIRING_CODE_FAILED: new errors.PairingCodeFailedError('Evaluation failed: bad-request'),
	PAIRING_PHONE_INVALID: new errors.PairingPhoneInvalidError('0812', 'it has no country code (it starts with 0)'),
	PROXY_INVALID: new errors.ProxyInvalidError('its port must be a number from 1 to 65535'),
	RECIPIENT_INVALID: new errors.RecipientInvalidError('abc', 'it has letters'),
	NOT_ON_WHATSAPP: new errors.NotOnWhatsAppError('+15550001111'),
	MEDIA_INVALID: new errors.MediaInvalidError('the base64 does not decode'),
	MEDIA_TOO_LARGE: new errors.MediaTooLargeError(16 * 1024 * 1024, 20 * 1024 * 1024),
	MEDIA_TYPE_NOT_ALLOWED: new errors.MediaTypeNotAllowedError('application/x-msdownload', ['image/*']),
	MEDIA_URL_BLOCKED: new errors.MediaUrlBlockedError('127.0.0.1'),
	MEDIA_FETCH_FAILED: new errors.MediaFetchFailedError('https://example.com/a.png', 'answered 404 Not Found'),
	REFERENCE_TOO_LARGE: new errors.ReferenceTooLargeError(9_000, 4_096),
	IDEMPOTENCY_KEY_REUSED: new errors.IdempotencyKeyReusedError('appointment-42', 'msg_1'),
	JOB_NOT_FOUND: new errors.JobNotFoundError('msg_1'),
	JOB_NOT_CANCELLABLE: new errors.JobNotCancellableError('msg_1', 'sent'),
	SEND_FAILED: new errors.SendFailedError(5, 'Evaluation failed'),
	SEND_UNCERTAIN: new errors.SendUncertainError('no answer within 60 s'),
	SEND_INTERRUPTED: new errors.SendInterruptedError(),
	ACK_ERROR: new errors.AckError(),
	FIRST_CONTACT_RESTRICTED: new errors.FirstContactRestrictedError(),
	WEBHOOK_NOT_FOUND: new errors.WebhookNotFoundError('wh_1'),
	WEBHOOK_URL_INVALID: new errors.WebhookUrlInvalidError('it is not a URL'),
	WEBHOOK_URL_BLOCKED: new errors.WebhookUrlBlockedError('169.254.169.254'),
	MEDIA_NOT_FOUND: new errors.ReceivedMediaNotFoundError('false_1@c.us_X'),
	// Chats, history and contact profiles.
	CHAT_NOT_FOUND: new errors.ChatNotFoundError('6281234567890@c.us'),
	MESSAGE_NOT_FOUND: new errors.ChatMessageNotFoundError('false_1@c.us_X', '6281234567890@c.us'),
	CURSOR_INVALID: new errors.CursorInvalidError('nonsense'),
	WHATSAPP_WEB_TIMEOUT: new errors.WhatsAppWebTimeoutError('listing the chats', 30_000),
	// Groups.
	GROUP_ID_INVALID: new errors.GroupIdInvalidError('family'),
	GROUP_PARTICIPANTS_INVALID: new errors.GroupParticipantsInvalidError([{ input: 'abc', problem: 'it has letters' }]),
	GROUP_NOT_FOUND: new errors.GroupNotFoundError('120363000000000001@g.us'),
	GROUP_NOT_ADMIN: new errors.GroupNotAdminError('120363000000000001@g.us', 'add participants'),
	GROUP_INVITE_INVALID: new errors.GroupInviteInvalidError('AbCdEf123'),
	GROUP_ACTION_FAILED: new errors.GroupActionFailedError('change the subject', 'did not finish within 30000 ms'),
	// Message content (issue 14).
	CONTENT_MISSING: new errors.ContentMissingError(),
	CONTENT_CONFLICT: new errors.ContentConflictError(['text', 'poll']),
	LOCATION_INVALID: new errors.LocationInvalidError('latitude 91 is outside -90 to 90'),
	CONTACTS_INVALID: new errors.ContactsInvalidError('the list is empty'),
	POLL_INVALID: new errors.PollInvalidError('it has 1 option'),
	REACTION_INVALID: new errors.ReactionInvalidError('"ok" is not one emoji'),
	MESSAGE_ID_INVALID: new errors.MessageIdInvalidError('replyTo', 'msg_1'),
	MENTION_INVALID: new errors.MentionInvalidError('abc', 'it is not a phone number or a person\'s WhatsApp id'),
	// Edits and deletions (issue 14).
	JOB_NOT_SENT: new errors.JobNotSentError('msg_1', 'queued', 'edit'),
	MESSAGE_NOT_EDITABLE: new errors.MessageNotEditableError('msg_1', 'poll'),
	EDIT_WINDOW_EXPIRED: new errors.EditWindowExpiredError('true_628123456789@c.us_3EB0AA'),
	DELETE_WINDOW_EXPIRED: new errors.DeleteWindowExpiredError('true_628123456789@c.us_3EB0AA'),
	// sendBefore (issue 15).
	SEND_BEFORE_INVALID: new errors.SendBeforeInvalidError('2030-01-01T08:00:00Z', 'not after sendAt', '2030-01-01T09:00:00Z'),
	SEND_WINDOW_PASSED: new errors.SendWindowPassedError(Date.parse('2030-01-01T09:00:00Z')),
	OPTED_OUT: new errors.OptedOutError('628123456789'),
	OPT_OUT_NOT_FOUND: new errors.OptOutNotFoundError('628123456789', null),
	// Campaigns (issue 15)
	CAMPAIGN_NOT_FOUND: new errors.CampaignNotFoundError('cmp_1'),
	CAMPAIGN_NOT_ACTIVE: new errors.CampaignNotActiveError('cmp_1', 'finished'),
	TEMPLATE_VARIABLE_MISSING: new errors.TemplateVariableMissingError(['name']),
};

/** Classes that share a code with a sample (another way to the same failure). */
const MORE: errors.SidecarError[] = [
	new errors.ReferenceTooDeepError(32),
	new errors.MessageNotFoundError('true_628123456789@c.us_3EB0AA', 'react to'),
];

describe('every error code of the contract', () => {
	const documented = (openApiDocument('test') as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }).paths;
	const codeSchema = JSON.stringify(documented['/api/sessions']['post'].responses.default);
	const description = JSON.stringify(openApiDocument('test'));

	it.each(Object.keys(ERROR_CODES) as ErrorCode[])('%s: its error says something, carries its code, and is documented', (code) => {
		const error = SAMPLES[code];
		expect(error).toBeInstanceOf(errors.SidecarError);
		expect(error.code).toBe(code);
		expect(error.message.trim().length).toBeGreaterThan(20);
		if (ERROR_CODES[code].where === 'job') {
			expect(HTTP_STATUS).not.toHaveProperty(code);
			expect(description).toContain(code);
		} else {
			const status = HTTP_STATUS[code as keyof typeof HTTP_STATUS];
			expect(status >= 400 && status <= 599).toBe(true);
			// A client's mistake is a 4xx; only our own failures are 5xx.
			expect(status >= 500).toBe(['INTERNAL', 'STORAGE_UNAVAILABLE', 'BROWSER_NOT_FOUND', 'WHATSAPP_WEB_TIMEOUT'].includes(code));
			expect(codeSchema).toContain(`"${code}"`);
		}
	});

	it('has a code for every error class, and a sample for every code', () => {
		const classes = Object.values(errors).filter(
			(value): value is typeof errors.SidecarError => typeof value === 'function' && value.prototype instanceof errors.SidecarError,
		);
		const sampled = new Set<unknown>([...Object.values(SAMPLES), ...MORE].map((error) => error.constructor));
		expect(classes.filter((c) => !sampled.has(c)).map((c) => c.name)).toEqual([]);
		for (const error of MORE) expect(error.message.trim().length).toBeGreaterThan(20);
		expect(REQUEST_ERROR_CODES.filter((code) => !(code in HTTP_STATUS))).toEqual([]);
	});
});
