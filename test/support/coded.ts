import { httpStatusOf } from '../../sidecar/src/http/errorStatus';

/**
 * What an error with this code looks like, for toMatchObject; and the HTTP status
 * the API answers it with (errors carry no status: http/errorStatus.ts maps codes).
 */
export function coded<T extends object>(code: string, status: number, rest?: T): { code: string } & T {
	expect({ code, status: httpStatusOf(code) }).toEqual({ code, status });
	return { code, ...(rest as T) };
}
