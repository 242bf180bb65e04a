import type { ErrorRequestHandler, RequestHandler } from 'express';
import { InternalError, InvalidJsonError, RouteNotFoundError, SidecarError } from '../errors';
import type { Logger } from '../logger';

export const notFound: RequestHandler = (req, _res, next) => next(new RouteNotFoundError(req.method, req.path));

/** The one place errors become HTTP answers. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
	return (error, req, res, _next) => {
		let known: SidecarError;
		if (error instanceof SidecarError) known = error;
		else if (isBodyParseError(error)) known = new InvalidJsonError();
		else {
			logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error in request');
			known = new InternalError();
		}
		res.status(known.status).json({
			error: { code: known.code, message: known.message, ...(known.details === undefined ? {} : { details: known.details }) },
		});
	};
}

function isBodyParseError(error: unknown): boolean {
	return (error as { type?: string })?.type === 'entity.parse.failed';
}
