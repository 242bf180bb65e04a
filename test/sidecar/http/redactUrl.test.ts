import { redactUrl } from '../../../sidecar/src/http/redactUrl';

describe('redactUrl', () => {
	it.each([
		['no query', '/api/server', '/api/server'],
		['harmless parameters', '/api/sessions/a/qr?format=png', '/api/sessions/a/qr?format=png'],
		['apiKey', '/api/server?apiKey=s3cr3t', '/api/server?apiKey=[REDACTED]'],
		['APIKEY, case-insensitive', '/api/server?APIKEY=s3cr3t', '/api/server?APIKEY=[REDACTED]'],
		['api_key', '/api/server?api_key=s3cr3t&format=json', '/api/server?api_key=[REDACTED]&format=json'],
		['x-api-key', '/api/server?x-api-key=s3cr3t', '/api/server?x-api-key=[REDACTED]'],
		['key', '/x?key=s3cr3t', '/x?key=[REDACTED]'],
		['token and access_token', '/x?token=a&access_token=b', '/x?token=[REDACTED]&access_token=[REDACTED]'],
		['secret', '/x?client_secret=s3cr3t', '/x?client_secret=[REDACTED]'],
		['signature', '/x?X-Amz-Signature=abc', '/x?X-Amz-Signature=[REDACTED]'],
		['password', '/x?user=ana&Password=hunter2', '/x?user=ana&Password=[REDACTED]'],
		['a percent-encoded name', '/x?api%5Fkey=s3cr3t', '/x?api%5Fkey=[REDACTED]'],
		['a name with a broken escape', '/x?%FFkey=s3cr3t', '/x?%FFkey=[REDACTED]'],
		['the same name twice', '/x?key=a&key=b', '/x?key=[REDACTED]&key=[REDACTED]'],
		['a secret name without a value', '/x?apikey&format=png', '/x?apikey&format=png'],
		['an empty value', '/x?apikey=', '/x?apikey=[REDACTED]'],
		['a value with "="', '/x?token=a=b==', '/x?token=[REDACTED]'],
		['a reference that mentions a key in its value', '/api/messages?reference=%7B%22key%22%3A1%7D', '/api/messages?reference=%7B%22key%22%3A1%7D'],
		['empty pairs', '/x?&&apikey=s&', '/x?&&apikey=[REDACTED]&'],
		['a fragment after the query', '/x?apikey=s#top', '/x?apikey=[REDACTED]#top'],
	])('%s', (_what, url, expected) => {
		expect(redactUrl(url)).toBe(expected);
	});
});
