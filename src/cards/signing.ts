import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed ad-hoc card URLs: `sig` is an HMAC-SHA256 (RFC 2104) over the canonical query, so only holders of a key can
 * make the service render (and cache) a card. Several keys verify at once so keys can be rotated: sign with the new
 * one first, keep the old one until the URLs made with it are no longer fetched.
 */
/**
 * What the server answers (404) to any /og.png or /og.jpg request, and what `syndicard sign` says, when no signing key
 * is configured: the endpoint is off, so "the signature does not match" would send the user after the wrong cause.
 */
export const AD_HOC_DISABLED_MESSAGE = 'ad-hoc cards are not enabled: set SYNDICARD_SIGNING_KEYS';

export const CARD_QUERY_FIELDS = ['headline', 'credit', 'image', 'site', 'template', 'lang'] as const;
export type CardQueryField = (typeof CARD_QUERY_FIELDS)[number];
export type CardQuery = Partial<Record<CardQueryField, string>>;

/**
 * The signed text: the known fields that are present, sorted by name, each `name=value` with RFC 3986 percent-encoding,
 * joined by `&`. Unknown parameters are not signed and are ignored by the endpoint. A field left out is not in the
 * signed text at all, so adding `lang` (BCP 47, issue 7) left every URL signed before it valid.
 */
export function canonicalCardQuery(query: CardQuery): string {
  return [...CARD_QUERY_FIELDS]
    .sort()
    .filter((field) => query[field] !== undefined && query[field] !== '')
    .map((field) => `${field}=${rfc3986(query[field]!)}`)
    .join('&');
}

export function signCardQuery(query: CardQuery, key: string): string {
  return createHmac('sha256', key).update(canonicalCardQuery(query)).digest('base64url');
}

/** Constant-time check against every key (no early exit, so timing tells nothing about which key nearly matched). */
export function verifyCardQuery(query: CardQuery, sig: string, keys: readonly string[]): boolean {
  const given = Buffer.from(sig, 'base64url');
  let ok = false;
  for (const key of keys) {
    const expected = Buffer.from(signCardQuery(query, key), 'base64url');
    ok = (given.length === expected.length && timingSafeEqual(given, expected)) || ok;
  }
  return ok;
}

export interface SignCardUrlOptions {
  /** Public origin of the service, e.g. https://feeds.example.com */
  baseUrl: string;
  key: string;
  format?: 'png' | 'jpeg';
}

/** A ready-to-use signed URL for `/og.png` or `/og.jpg`. */
export function signCardUrl(query: CardQuery, options: SignCardUrlOptions): string {
  const canonical = canonicalCardQuery(query);
  const sig = signCardQuery(query, options.key);
  const file = options.format === 'jpeg' ? 'og.jpg' : 'og.png';
  return `${options.baseUrl.replace(/\/+$/, '')}/${file}?${canonical ? `${canonical}&` : ''}sig=${sig}`;
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}
