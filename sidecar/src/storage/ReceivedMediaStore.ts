import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import { safeFilename } from '../util/safeFilename';
import { safeMediaType } from '../util/safeMediaType';

export interface StoredMediaMeta {
	messageId: string;
	mimetype: string;
	filename?: string;
	size: number;
	storedAt: string;
}

/**
 * Media of received messages, as files in `<data>/media/<session>/` (SQLite is
 * the wrong place for megabytes). A file is named by the hash of its message id,
 * so ids never become paths; a JSON file beside it keeps type and name. Files
 * older than the retention are removed by `prune`.
 */
export class ReceivedMediaStore {
	constructor(private readonly root: string) {}

	async put(session: string, messageId: string, media: { mimetype: string; data: Buffer; filename?: string }): Promise<StoredMediaMeta> {
		const { file, metaFile, dir } = this.paths(session, messageId);
		await fs.promises.mkdir(dir, { recursive: true });
		// Type and name are the sender's: cleaned before they are kept, served or put in an event.
		const meta: StoredMediaMeta = {
			messageId,
			mimetype: safeMediaType(media.mimetype),
			filename: safeFilename(media.filename),
			size: media.data.length,
			storedAt: new Date().toISOString(),
		};
		await fs.promises.writeFile(file, media.data);
		await fs.promises.writeFile(metaFile, JSON.stringify(meta));
		return meta;
	}

	async get(session: string, messageId: string): Promise<{ meta: StoredMediaMeta; file: string } | undefined> {
		const { file, metaFile } = this.paths(session, messageId);
		try {
			const meta = JSON.parse(await fs.promises.readFile(metaFile, 'utf8')) as StoredMediaMeta;
			await fs.promises.access(file);
			return { meta, file };
		} catch {
			return undefined;
		}
	}

	/** Removes media stored before `olderThan` (epoch ms); returns how many files went. */
	async prune(olderThan: number): Promise<number> {
		let removed = 0;
		const sessions = await fs.promises.readdir(this.root).catch(() => [] as string[]);
		for (const session of sessions) {
			const dir = path.join(this.root, session);
			for (const name of await fs.promises.readdir(dir).catch(() => [] as string[])) {
				if (!name.endsWith('.bin')) continue;
				const file = path.join(dir, name);
				const stat = await fs.promises.stat(file).catch(() => undefined);
				if (!stat || stat.mtimeMs >= olderThan) continue;
				await fs.promises.rm(file, { force: true });
				await fs.promises.rm(file.replace(/\.bin$/, '.json'), { force: true });
				removed += 1;
			}
		}
		return removed;
	}

	async removeSession(session: string): Promise<void> {
		await fs.promises.rm(path.join(this.root, session), { recursive: true, force: true });
	}

	private paths(session: string, messageId: string) {
		const dir = path.join(this.root, session);
		const name = createHash('sha256').update(messageId).digest('hex').slice(0, 40);
		return { dir, file: path.join(dir, `${name}.bin`), metaFile: path.join(dir, `${name}.json`) };
	}
}
