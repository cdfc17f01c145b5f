/**
 * Whether a GET or HEAD with these validators is answered 304 (RFC 9110 §13.2.2): If-None-Match first (§13.1.2),
 * by weak comparison, any content-coding variant of the ETag matching; If-Modified-Since only without it (§13.1.3),
 * at the one-second resolution of HTTP dates. The sender (representation.ts) and the fast path (fast-path.ts) both
 * decide here; the fast path passes the ETag it sent, so the common case, a poller sending back the ETag it was
 * given, is one string comparison.
 */
export function isNotModified(
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
  etag: string,
  lastModifiedSeconds: number | undefined,
  sentEtag: string = etag,
): boolean {
  if (ifNoneMatch) return ifNoneMatch === sentEtag || etagMatches(ifNoneMatch, etag);
  if (lastModifiedSeconds === undefined || !ifModifiedSince) return false;
  const sinceMs = Date.parse(ifModifiedSince);
  return !Number.isNaN(sinceMs) && lastModifiedSeconds <= Math.floor(sinceMs / 1000);
}

/** Weak comparison (§8.8.3.2), which If-None-Match uses; any content-coding variant of the same ETag matches. */
function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '').slice(1, -1);
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return tag === opaque || tag === `${opaque}-br` || tag === `${opaque}-gzip`;
  });
}
