/** The JSON body of a fetch response, typed for assertions. */
export async function readJson<T = Record<string, any>>(response: Response): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
	return (await response.json()) as T;
}
