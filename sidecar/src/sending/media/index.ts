export { checkMediaInput, loadMedia } from './loadMedia';
export {
	DEFAULT_MEDIA_POLICY,
	mediaPolicy,
	type Base64MediaInput,
	type LoadedMedia,
	type MediaInput,
	type MediaPolicy,
	type UrlMediaInput,
} from './MediaPolicy';
export { isPublicAddress } from '../../net/addresses';
