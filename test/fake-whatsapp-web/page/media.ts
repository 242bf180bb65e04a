// Media: preparing a file to send (OpaqueData → prepRawMedia → upload) and
// downloading received media. Bytes live on the fake server, addressed by the
// message's directPath, so tests can check exactly what was sent or received.

class OpaqueData {
	#blob: Blob;
	#url?: string;
	readonly type: string;

	static async createFromData(data: Blob, mimetype: string): Promise<OpaqueData> {
		return new OpaqueData(data, mimetype);
	}

	constructor(blob: Blob, mimetype: string) {
		this.#blob = blob;
		this.type = mimetype || blob.type;
	}

	get blob(): Blob {
		return this.#blob;
	}

	url(): string {
		this.#url ??= URL.createObjectURL(this.#blob);
		return this.#url;
	}

	autorelease(): void {
		const url = this.#url;
		if (url) setTimeout(() => URL.revokeObjectURL(url), 10_000);
	}

	formData(): FormData {
		const form = new FormData();
		form.append('file', this.#blob);
		return form;
	}
}

/** Blobs waiting for their upload, by filehash (uploadMedia only gets the media object). */
const blobsToUpload = new Map<string, Blob>();
const mediaObjects = new Map<string, Record<string, unknown>>();

function mediaTypeFor(mimetype: string, params: Record<string, unknown>): string {
	if (params.asSticker) return 'sticker';
	if (params.asDocument) return 'document';
	if (mimetype.startsWith('image/')) return 'image';
	if (mimetype.startsWith('video/')) return 'video';
	if (mimetype.startsWith('audio/')) return params.isPtt ? 'ptt' : 'audio';
	return 'document';
}

async function sha256Base64(blob: Blob): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
	return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

function prepRawMedia(opaque: OpaqueData, params: Record<string, unknown>): { waitForPrep(): Promise<Model> } {
	return {
		async waitForPrep() {
			const blob = opaque.blob;
			const filehash = await sha256Base64(blob);
			blobsToUpload.set(filehash, blob);
			return new Model({
				type: mediaTypeFor(opaque.type, params),
				filehash,
				mimetype: opaque.type,
				mediaBlob: opaque,
				isGif: Boolean(params.asGif),
				size: blob.size,
				filename: (blob as File).name,
			});
		},
	};
}

function getOrCreateMediaObject(filehash: string): Record<string, unknown> {
	let media = mediaObjects.get(filehash);
	if (!media) {
		media = {
			filehash,
			contentInfo: {},
			consolidate(json: Record<string, unknown>) {
				Object.assign(this, { type: json.type, size: json.size, mimetype: json.mimetype });
			},
		};
		mediaObjects.set(filehash, media);
	}
	return media;
}

async function uploadMedia(args: { mimetype: string; mediaObject: { filehash: string; type: string } }) {
	const blob = blobsToUpload.get(args.mediaObject.filehash);
	if (!blob) throw new Error('media-fault: nothing prepared for this upload');
	const query = new URLSearchParams({ page: PAGE_ID, type: args.mediaObject.type, mimetype: args.mimetype });
	const response = await fetch(`/__fake/upload?${query}`, { method: 'POST', body: blob });
	const result = (await response.json()) as { directPath?: string; error?: string };
	if (!response.ok || !result.directPath) throw new Error(`media upload failed: ${result.error ?? response.status}`);
	blobsToUpload.delete(args.mediaObject.filehash);
	return {
		mediaEntry: {
			mmsUrl: `https://mmg.whatsapp.net${result.directPath}`,
			deprecatedMms3Url: `https://mmg.whatsapp.net${result.directPath}`,
			directPath: result.directPath,
			mediaKey: randomBase64(32),
			mediaKeyTimestamp: Math.floor(Date.now() / 1000),
			encFilehash: args.mediaObject.filehash,
			uploadHash: args.mediaObject.filehash,
			sidecar: undefined,
			firstFrameSidecar: undefined,
		},
	};
}

async function downloadAndMaybeDecrypt(args: { directPath: string }): Promise<ArrayBuffer> {
	const response = await fetch(args.directPath);
	if (!response.ok) throw Object.assign(new Error(`media download failed: ${response.status}`), { status: response.status });
	return response.arrayBuffer();
}
