import type { ErrorRequestHandler, RequestHandler } from 'express';
import { InternalError, PathInvalidError, RouteNotFoundError, SidecarError } from '../errors';
import type { Logger } from '../logger';
import { bodyError } from './bodyErrors';
import { httpStatusOf } from './errorStatus';

export const notFound: RequestHandler = (req, _res, next) => next(new RouteNotFoundError(req.method, req.path));

/**
 * The one place errors become HTTP answers. Whatever the client got wrong (our
 * coded errors, body-parser's, a broken percent-escape) is a 4xx with a code;
 * only what nobody expected is a 500, and only that is logged at error level.
 */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
	return (error, req, res, _next) => {
		let known = error instanceof SidecarError ? error : (bodyError(error, req) ?? pathError(error, req.path));
		if (!known) {
			logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error in request');
			known = new InternalError();
		}
		if (res.headersSent || req.socket.destroyed) {
			// Nothing can be answered any more: the client went away (mid-body, say), or a file was half sent.
			logger.debug({ code: known.code, method: req.method, path: req.path }, 'the client went away before it got an answer');
			if (!res.writableEnded) res.destroy();
			return;
		}
		// A route may have set these for what it meant to send (a PNG, a download); the error is JSON.
		res.removeHeader('Content-Disposition');
		res.setHeader('Content-Type', 'application/json; charset=utf-8');
		res.status(httpStatusOf(known.code)).json({
			error: { code: known.code, message: known.message, ...(known.details === undefined ? {} : { details: known.details }) },
		});
	};
}

/** The router could not decode a percent-escape in a path parameter (`/api/sessions/%FF`). */
function pathError(error: unknown, path: string): SidecarError | undefined {
	return error instanceof URIError ? new PathInvalidError(path) : undefined;
}
