/**
 * Opt-out and opt-in keywords (issue 15). A message counts only when it is the
 * keyword and nothing else ("stop", "Stop!", " STÒP ") — "please don't stop"
 * must not unsubscribe anyone. Case and accents do not matter, nor punctuation
 * or spaces around the word: people type "Stop." or "ARRÊTER" as often as "STOP".
 */

export const DEFAULT_OPT_OUT_KEYWORDS = ['STOP', 'UNSUBSCRIBE'] as const;
export const DEFAULT_OPT_IN_KEYWORDS = ['START'] as const;

/** Upper case, accents removed, punctuation and spaces trimmed from both ends, inner spaces collapsed. */
export function normalizeKeyword(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toUpperCase()
		.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
		.replace(/\s+/g, ' ');
}

export interface KeywordMatch {
	action: 'opt_out' | 'opt_in';
	/** The keyword as configured, normalized. */
	keyword: string;
}

export class KeywordMatcher {
	private readonly optOut: Set<string>;
	private readonly optIn: Set<string>;

	constructor(extraOptOut: readonly string[] = [], extraOptIn: readonly string[] = []) {
		this.optOut = keywordSet([...DEFAULT_OPT_OUT_KEYWORDS, ...extraOptOut]);
		this.optIn = keywordSet([...DEFAULT_OPT_IN_KEYWORDS, ...extraOptIn]);
		// A word on both lists would flip a contact back and forth: opting out wins (the safe side).
		for (const word of this.optOut) this.optIn.delete(word);
	}

	/** What a whole message means, if it is one of the keywords. */
	match(text: string | undefined): KeywordMatch | undefined {
		if (!text) return undefined;
		const word = normalizeKeyword(text);
		if (this.optOut.has(word)) return { action: 'opt_out', keyword: word };
		if (this.optIn.has(word)) return { action: 'opt_in', keyword: word };
		return undefined;
	}
}

function keywordSet(words: readonly string[]): Set<string> {
	return new Set(words.map(normalizeKeyword).filter(Boolean));
}
