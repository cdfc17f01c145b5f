import ipaddr from 'ipaddr.js';
import { ConfigError, type ErrorIssue } from '../../errors.js';

/**
 * Which destination addresses the photo loader may connect to. Pure functions, no I/O: the loader calls
 * `checkAddress` on every address it is about to connect to (literal hosts before connecting, resolved ones from
 * inside the socket's `lookup`), so a DNS answer that changes between check and use cannot slip through.
 */
type AddressVerdict = { allowed: true } | { allowed: false; range: string };

export interface AddressPolicy {
  checkAddress(address: string): AddressVerdict;
  isHostAllowed(hostname: string): boolean;
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * The ipaddr.js range name of an address after `ipaddr.process()` (so `::ffff:127.0.0.1` is `loopback`):
 * `unicast` means public. Three refinements over ipaddr.js:
 * - IPv6 transition forms that carry an IPv4 address (6to4 RFC 3056, Teredo RFC 4380, NAT64 64:ff9b::/96
 *   RFC 6052, IPv4-translated RFC 6145, IPv4-compatible RFC 4291 §2.5.5.1) are classified by that IPv4 address,
 *   so `2002:7f00:1::` is `loopback` and a DNS64 answer for a public host stays `unicast`. The local-use NAT64
 *   prefix 64:ff9b:1::/48 (RFC 8215) puts the IPv4 address where the operator chooses: it stays `rfc6052`.
 * - Other IPv4-compatible addresses, and IPv6 outside 2000::/3 (the only global unicast block, RFC 4291 §2.4),
 *   are `reserved`.
 * - Anything that does not parse is `invalid`.
 */
export function classifyAddress(address: string): string {
  const parsed = parseAddress(address);
  if (parsed === undefined) return 'invalid';
  if (parsed.kind() === 'ipv4') return parsed.range();
  const ipv6 = parsed as ipaddr.IPv6;
  const range = ipv6.range();
  const embedded = embeddedIPv4(ipv6, range);
  if (embedded.length > 0) {
    const blocked = embedded.map((ipv4) => ipv4.range()).find((name) => name !== 'unicast');
    if (blocked !== undefined) return blocked;
    return range === 'unicast' ? 'reserved' : 'unicast';
  }
  if (range === 'unicast' && (ipv6.parts[0]! & 0xe000) !== 0x2000) return 'reserved';
  return range;
}

/**
 * `allow` holds SYNDICARD_IMAGE_ALLOW's entries: hostnames (`localhost`, `images.internal`), IP addresses
 * (`127.0.0.1`, `::1`) and CIDR ranges (`10.0.0.0/8`). A host allowed by name is trusted whatever it resolves to.
 * Throws ConfigError naming every entry that is none of these.
 */
export function createAddressPolicy(allow: readonly string[]): AddressPolicy {
  const { names, ranges } = parseAllowList(allow);

  function isAddressListed(address: Address): boolean {
    const candidates = [address];
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
      candidates.push((address as ipaddr.IPv6).toIPv4Address());
    }
    return candidates.some((candidate) =>
      ranges.some(([network, bits]) => network.kind() === candidate.kind() && candidate.match(network, bits)),
    );
  }

  return {
    checkAddress(address) {
      const parsed = parseAddress(address);
      if (parsed !== undefined && isAddressListed(parsed)) return { allowed: true };
      const range = classifyAddress(address);
      return range === 'unicast' ? { allowed: true } : { allowed: false, range };
    },
    isHostAllowed(hostname) {
      const host = normalizeHostname(hostname);
      if (names.has(host)) return true;
      const parsed = parseAddress(host);
      return parsed !== undefined && isAddressListed(parsed);
    },
  };
}

function parseAllowList(allow: readonly string[]): { names: Set<string>; ranges: [Address, number][] } {
  const names = new Set<string>();
  const ranges: [Address, number][] = [];
  const issues: ErrorIssue[] = [];
  for (const raw of allow) {
    const entry = raw.trim().replace(/^\[(.*)\]$/, '$1');
    if (entry.includes('/')) {
      const [ip = '', bits = ''] = entry.split('/');
      if (isPlainAddress(ip) && /^\d{1,3}$/.test(bits) && ipaddr.isValidCIDR(`${ip}/${bits}`)) {
        ranges.push(ipaddr.parseCIDR(`${ip}/${bits}`));
        continue;
      }
    } else if (isPlainAddress(entry)) {
      const address = ipaddr.process(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      continue;
    } else {
      const name = hostnameOf(entry);
      if (name !== undefined) {
        names.add(name);
        continue;
      }
    }
    issues.push({
      path: 'SYNDICARD_IMAGE_ALLOW',
      message: `entry "${raw}" is not a hostname, an IP address (IPv4 as four decimal numbers) or a CIDR range such as 10.0.0.0/8`,
    });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return { names, ranges };
}

/** IPv6, or IPv4 in four decimal parts: `010.0.0.1` or `127.1` would mean something else to a URL parser. */
function isPlainAddress(value: string): boolean {
  return ipaddr.IPv6.isValid(value) || ipaddr.IPv4.isValidFourPartDecimal(value);
}

/** The WHATWG form of a hostname entry (lower case, punycode), or undefined when it is not a plain hostname. */
function hostnameOf(entry: string): string | undefined {
  try {
    const url = new URL(`http://${entry}/`);
    const host = normalizeHostname(url.hostname);
    const plain = url.port === '' && url.pathname === '/' && url.username === '' && !url.search && !url.hash;
    // A URL parser turns `127.1` or `0x7f.1` into an address: such entries must be written plainly.
    if (!plain || ipaddr.isValid(host) || !/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(host)) return undefined;
    return host;
  } catch {
    return undefined; // not a valid host at all: reported by the caller
  }
}

function normalizeHostname(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

function parseAddress(address: string): Address | undefined {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(bare) ? ipaddr.process(bare) : undefined;
}

function embeddedIPv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4[] {
  const p = address.parts;
  const toIPv4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  switch (range) {
    case '6to4':
      return [toIPv4(p[1]!, p[2]!)];
    case 'teredo':
      // Server address in bits 32–63; the client's public address in bits 96–127, inverted (RFC 4380 §4).
      return [toIPv4(p[2]!, p[3]!), toIPv4(p[6]! ^ 0xffff, p[7]! ^ 0xffff)];
    case 'rfc6145':
      return [toIPv4(p[6]!, p[7]!)];
    case 'rfc6052':
      return p[2] === 0 ? [toIPv4(p[6]!, p[7]!)] : [];
    case 'unicast':
      // IPv4-compatible ::a.b.c.d (deprecated); :: and ::1 are classified as unspecified and loopback already.
      return p.slice(0, 6).every((part) => part === 0) ? [toIPv4(p[6]!, p[7]!)] : [];
    default:
      return [];
  }
}
