import type { IncomingMessage } from 'node:http';

/**
 * The fast path's conditional request (fast-path.ts), decided as the sender decides it (representation.ts):
 * If-None-Match first (RFC 9110 §13.1.2), by weak comparison, any content-coding variant of the ETag matching;
 * If-Modified-Since only without it (§13.1.3). The common case, a poller sending back the ETag it was given, is one
 * string comparison.
 */
export function isNotModified(
  req: IncomingMessage,
  etag: string,
  sentEtag: string,
  lastModifiedSeconds: number | undefined,
): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch) return ifNoneMatch === sentEtag || etagMatches(ifNoneMatch, etag);
  const since = req.headers['if-modified-since'];
  if (lastModifiedSeconds === undefined || !since) return false;
  const sinceMs = Date.parse(since);
  return !Number.isNaN(sinceMs) && lastModifiedSeconds <= Math.floor(sinceMs / 1000);
}

/** Weak comparison (§8.8.3.2), which If-None-Match uses; any content-coding variant of the same ETag matches. */
export function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '').slice(1, -1);
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return tag === opaque || tag === `${opaque}-br` || tag === `${opaque}-gzip`;
  });
}
