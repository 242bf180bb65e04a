import { SlidingWindow } from '../util/SlidingWindow';

/** More takeovers than this within TAKEOVER_WINDOW_MS and the session waits instead of fighting. */
const MAX_TAKEOVERS = 3;
const TAKEOVER_WINDOW_MS = 10 * 60_000;

/**
 * WhatsApp Web opened in another browser (the CONFLICT state). Under the
 * takeover policy the library takes the session back by itself; when the other
 * side keeps taking it back too, fighting on would only flap, so the session
 * waits instead.
 */
export class Conflicts {
	private seen = 0;
	private readonly takeovers = new SlidingWindow(TAKEOVER_WINDOW_MS);

	get count(): number {
		return this.seen;
	}

	/** Counts a CONFLICT; true when the session should stop fighting and wait. */
	note(policy: 'wait' | 'takeover'): boolean {
		this.seen += 1;
		return policy === 'takeover' && this.takeovers.add() > MAX_TAKEOVERS;
	}
}
