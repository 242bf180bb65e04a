/** Sizes in messages: "16 MB", "0.5 MB". */
export function megabytes(bytes: number): string {
	return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
}

/** Client-supplied text inside a message: bounded, so a 16 KB header does not become a 16 KB message. */
export function short(text: string): string {
	return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
