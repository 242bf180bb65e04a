// The same-origin channel to the fake server. Commands arrive over Server-Sent
// Events and run one at a time, in order; the page answers and reports with POSTs.

const PAGE_ID = crypto.randomUUID();

interface FakeCommand {
	id: string;
	name: string;
	args: Record<string, unknown>;
}

type CommandHandler = (args: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

const commandHandlers = new Map<string, CommandHandler>();

/** A command result with follow-up work that must start right after the answer (a hang, a state change). */
class AfterReply {
	constructor(
		readonly value: unknown,
		readonly afterwards: () => void, // not `then`: that would make it a thenable
	) {}
}

async function rpc<T = unknown>(type: string, body: Record<string, unknown> = {}): Promise<T> {
	const response = await fetch('/__fake/rpc', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ page: PAGE_ID, type, ...body }),
	});
	const data = (await response.json()) as T & { error?: string };
	if (!response.ok) throw new Error(data.error ?? `fake rpc ${type} failed with ${response.status}`);
	return data;
}

function openChannel(): void {
	const source = new EventSource(`/__fake/channel?page=${encodeURIComponent(PAGE_ID)}`);
	let queue: Promise<void> = Promise.resolve();
	source.onmessage = (event) => {
		const command = JSON.parse(event.data as string) as FakeCommand;
		queue = queue.then(() => runCommand(command));
	};
}

async function runCommand(command: FakeCommand): Promise<void> {
	let reply: Record<string, unknown>;
	let after: (() => void) | undefined;
	try {
		const handler = commandHandlers.get(command.name);
		if (!handler) throw new Error(`the fake page has no command "${command.name}"`);
		let value = await handler(command.args ?? {});
		if (value instanceof AfterReply) {
			after = value.afterwards;
			value = value.value;
		}
		reply = { id: command.id, ok: true, value: value ?? null };
	} catch (error) {
		reply = { id: command.id, ok: false, error: error instanceof Error ? error.message : String(error) };
	}
	if (after) {
		// Answer and follow up in one task: a synchronous request blocks this page
		// until the server has the answer, so no library call (an evaluate) can run
		// between the answer and the follow-up, such as the start of a hang.
		replySynchronously(reply);
		after();
		return;
	}
	await rpc('result', reply).catch((error) => console.error('[fake-wa] result not delivered', error));
}

function replySynchronously(reply: Record<string, unknown>): void {
	const request = new XMLHttpRequest();
	request.open('POST', '/__fake/rpc', false);
	request.setRequestHeader('content-type', 'application/json');
	request.send(JSON.stringify({ page: PAGE_ID, type: 'result', ...reply }));
}

let statusScheduled = false;

/** Tells the server what this page is now (coalesced: many changes in one task, one report). */
function reportStatus(): void {
	if (statusScheduled) return;
	statusScheduled = true;
	queueMicrotask(() => {
		statusScheduled = false;
		rpc('status', { status: pageStatus() }).catch((error) => console.error('[fake-wa] status not delivered', error));
	});
}
