import { Router, type Request } from 'express';
import { referenceLookupCandidates } from '../../contract';
import { ValidationError } from '../../errors';
import { jobView } from '../../sending/MessageJob';
import type { MessageService } from '../../sending/MessageService';
import { deleteMessageQuerySchema, editMessageSchema, followUpSchema, forwardMessageSchema } from '../changeSchemas';
import { sendMessageSchema } from '../schemas';
import { validate } from '../validate';

/** The sending API: accept a message, follow it by job id or by reference, cancel it; the session's queue. */
export function messageRoutes(messages: MessageService): Router {
	const router = Router();

	router.post('/sessions/:id/messages', async (req, res) => {
		const body = validate(sendMessageSchema, req.body);
		const { job, duplicate } = await messages.accept(param(req, 'id'), body);
		// 202: accepted and on disk; 200 for a repeated idempotency key (nothing new happened).
		res.status(duplicate ? 200 : 202).json({ ...job, duplicate });
	});

	router.get('/messages', (req, res) => {
		const raw = req.query.reference;
		if (typeof raw !== 'string') {
			throw new ValidationError('Give ?reference=<the reference as JSON>, e.g. ?reference={"appointmentId":42} (URL-encoded).');
		}
		res.json({ jobs: messages.withReference(referenceLookupCandidates(raw)).map(jobView) });
	});

	router.get('/messages/:jobId', (req, res) => {
		res.json(jobView(messages.get(param(req, 'jobId'))));
	});

	// A waiting message is cancelled (200, the job); one that went out gets a delete job (202, the new job).
	router.delete('/messages/:jobId', async (req, res) => {
		const query = validate(deleteMessageQuerySchema, req.query);
		const options = validate(followUpSchema, req.body ?? {});
		const result = await messages.deleteOrCancel(param(req, 'jobId'), query.for !== 'me', options);
		if (result.cancelled) return void res.json(result.job);
		res.status(result.duplicate ? 200 : 202).json({ ...result.job, duplicate: result.duplicate });
	});

	router.post('/messages/:jobId/edit', async (req, res) => {
		const { text, ...options } = validate(editMessageSchema, req.body);
		const { job, duplicate } = await messages.edit(param(req, 'jobId'), text, options);
		res.status(duplicate ? 200 : 202).json({ ...job, duplicate });
	});

	router.post('/sessions/:id/messages/:messageId/forward', async (req, res) => {
		const body = validate(forwardMessageSchema, req.body);
		const { job, duplicate } = await messages.forward(param(req, 'id'), param(req, 'messageId'), body);
		res.status(duplicate ? 200 : 202).json({ ...job, duplicate });
	});

	router.get('/sessions/:id/queue', async (req, res) => {
		res.json(await messages.queueView(param(req, 'id')));
	});

	router.post('/sessions/:id/queue/pause', async (req, res) => {
		res.json(await messages.pause(param(req, 'id')));
	});

	router.post('/sessions/:id/queue/resume', async (req, res) => {
		res.json(await messages.resume(param(req, 'id')));
	});

	return router;
}

function param(req: Request, name: string): string {
	return String(req.params[name]);
}
