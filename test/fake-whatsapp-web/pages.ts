import { randomUUID } from 'crypto';
import { EventEmitter } from 'events';
import type { ServerResponse } from 'http';
import type { PageStatus } from './types';

export interface PageRecord {
	id: string;
	status: PageStatus;
	/** The page's Server-Sent Events stream; gone once the page navigated, closed or its browser died. */
	stream?: ServerResponse;
	online: boolean;
	firstSeen: number;
}

interface PendingCommand {
	pageId: string;
	name: string;
	resolve(value: unknown): void;
	reject(error: Error): void;
	timer: NodeJS.Timeout;
}

const UNKNOWN_STATUS: PageStatus = {
	phone: null,
	ref: null,
	state: 'OPENING',
	hasSynced: false,
	booted: false,
	listening: false,
	url: '',
};

/**
 * Every fake WhatsApp Web page that ever connected (one per browser page load),
 * and the command round trip to each: a command goes down the page's event
 * stream, and its answer comes back as a `result` POST.
 */
export class PageRegistry extends EventEmitter {
	private readonly pages = new Map<string, PageRecord>();
	private readonly pending = new Map<string, PendingCommand>();

	touch(id: string): PageRecord {
		let page = this.pages.get(id);
		if (!page) {
			page = { id, status: { ...UNKNOWN_STATUS }, online: false, firstSeen: Date.now() };
			this.pages.set(id, page);
		}
		return page;
	}

	attachStream(id: string, stream: ServerResponse): void {
		const page = this.touch(id);
		page.stream = stream;
		page.online = true;
		stream.on('close', () => {
			if (page.stream !== stream) return;
			page.online = false;
			page.stream = undefined;
			this.failPending(id, 'the page went away (navigated, closed or its browser died) before answering');
			this.emit('change', page);
		});
		this.emit('change', page);
	}

	updateStatus(id: string, status: PageStatus): void {
		const page = this.touch(id);
		page.status = status;
		this.emit('change', page);
	}

	all(): PageRecord[] {
		return [...this.pages.values()];
	}

	find(predicate: (page: PageRecord) => boolean): PageRecord | undefined {
		// Newest first: after a reload, the live page for a phone is the latest one.
		return this.all()
			.filter((p) => p.online)
			.reverse()
			.find(predicate);
	}

	/** Resolves with the first online page that satisfies `predicate`, waiting for one to appear. */
	waitFor(predicate: (page: PageRecord) => boolean, timeoutMs: number, what: string): Promise<PageRecord> {
		const found = this.find(predicate);
		if (found) return Promise.resolve(found);
		return new Promise((resolve, reject) => {
			const onChange = () => {
				const page = this.find(predicate);
				if (!page) return;
				cleanup();
				resolve(page);
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`fake WhatsApp Web: no page ${what} within ${timeoutMs} ms`));
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				this.off('change', onChange);
			};
			this.on('change', onChange);
		});
	}

	send(pageId: string, name: string, args: object, timeoutMs: number): Promise<unknown> {
		const page = this.pages.get(pageId);
		if (!page?.stream) return Promise.reject(new Error(`fake WhatsApp Web: page ${pageId} is not online`));
		const id = randomUUID();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.pending.delete(id);
				reject(new Error(`fake WhatsApp Web: the page did not answer "${name}" within ${timeoutMs} ms`));
			}, timeoutMs);
			this.pending.set(id, { pageId, name, resolve, reject, timer });
			page.stream!.write(`data: ${JSON.stringify({ id, name, args })}\n\n`);
		});
	}

	resolveResult(result: { id: string; ok: boolean; value?: unknown; error?: string }): void {
		const pending = this.pending.get(result.id);
		if (!pending) return;
		this.pending.delete(result.id);
		clearTimeout(pending.timer);
		if (result.ok) pending.resolve(result.value);
		else pending.reject(new Error(`fake WhatsApp Web: "${pending.name}" failed in the page: ${result.error}`));
	}

	close(): void {
		for (const page of this.pages.values()) page.stream?.end();
		for (const id of [...this.pending.keys()]) this.failPending(undefined, 'the fake was closed', id);
	}

	private failPending(pageId: string | undefined, reason: string, onlyId?: string): void {
		for (const [id, pending] of this.pending) {
			if (onlyId ? id !== onlyId : pending.pageId !== pageId) continue;
			this.pending.delete(id);
			clearTimeout(pending.timer);
			pending.reject(new Error(`fake WhatsApp Web: "${pending.name}" failed: ${reason}`));
		}
	}
}
