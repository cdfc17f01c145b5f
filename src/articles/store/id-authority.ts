/**
 * The `tag:` authority (RFC 4151) given to articles stored for the first time; each article keeps its own for good
 * (StoredArticle.idAuthority), so its item id never changes once it is in a feed.
 *
 * With a site settings file, the authority is the host of the site's canonical `url`: the publisher owns that
 * name, as RFC 4151 section 2.1 asks. With the embedded default site there is no canonical URL, only the address
 * syndicard happens to listen on (HOST, PORT, SYNDICARD_BASE_URL), which changes with deployment; ids minted from it
 * changed with every move, and feed readers showed the whole archive again as new. The embedded site therefore
 * uses a fixed name under `.localhost`, which RFC 6761 reserves, so it can never be anybody else's domain.
 */
export const EMBEDDED_ID_AUTHORITY = 'syndicard.localhost';

/** `canonicalSiteUrl` is the site file's `url`, or undefined with the embedded site. */
export function idAuthorityFor(canonicalSiteUrl: string | undefined): string {
  return canonicalSiteUrl ? new URL(canonicalSiteUrl).hostname.toLowerCase() : EMBEDDED_ID_AUTHORITY;
}
