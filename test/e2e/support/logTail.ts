/** The last `max` lines of a child process's output, for failure messages. */
export class LogTail {
	private lines: string[] = [];
	private partial = '';

	constructor(private readonly max: number) {}

	push(chunk: Buffer | string): void {
		const parts = (this.partial + chunk.toString()).split('\n');
		this.partial = parts.pop()!;
		this.lines.push(...parts);
		if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
	}

	text(last = this.max): string {
		return [...this.lines, ...(this.partial ? [this.partial] : [])].slice(-last).join('\n');
	}
}
