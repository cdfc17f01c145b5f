import { fileURLToPath } from 'node:url';

/**
 * The service's own bundled media (media/ in the repository: the demo photos), served at `/media/…` and read from
 * disk by the photo loader when a card's photo URL is one of the service's own media URLs. Found from this module,
 * so it works from src/ (tsx) and dist/ alike.
 */
export const MEDIA_DIR = fileURLToPath(new URL('../../../media/', import.meta.url));

export const MEDIA_TYPES = { jpg: 'image/jpeg', png: 'image/png' } as const;

/** `folder/name.jpg`: lower-case names, one folder deep, no dot segments, so a URL can never leave MEDIA_DIR. */
const MEDIA_FILE = /^\/media\/([a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*\.(?:jpg|png))$/;

/** The file under MEDIA_DIR that a URL path names (`/media/demo/lighthouse.jpg` → `demo/lighthouse.jpg`), if any. */
export function mediaFileOf(pathname: string): string | undefined {
  return MEDIA_FILE.exec(pathname)?.[1];
}

export interface OwnMedia {
  /** Origins that are this service (its public URL, its listening address): `http://127.0.0.1:3000`. */
  origins: readonly string[];
  /** Where the files are; MEDIA_DIR in the service. */
  dir: string;
}

/** Whether `url` is one of the service's own media URLs; such a URL is answered from disk, never over the network. */
export function isOwnMediaUrl(url: URL, own: OwnMedia | undefined): boolean {
  return (own?.origins.includes(url.origin) ?? false) && url.pathname.startsWith('/media/');
}
