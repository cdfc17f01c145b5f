import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.js';
import { describeRange, ImageLoadError } from './image-errors.js';

/** `dns.lookup` with `all: true`; injectable so tests can play a DNS server that answers with a private address. */
export type ResolveAll = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface ImageRequestOptions {
  policy: AddressPolicy;
  signal: AbortSignal;
  headers: Record<string, string>;
  agents: { http: http.Agent; https: https.Agent };
}

/**
 * One GET, no redirects followed, resolving with the response once its head arrives. Where it connects is checked
 * against the policy: a literal IP host before any socket opens, a hostname inside the socket's own `lookup`, so
 * the address checked is the address connected to (a DNS answer cannot change in between: rebinding).
 */
export function requestImage(url: URL, options: ImageRequestOptions): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  // The same test net.connect uses to skip `lookup`: exactly the hosts it would connect to without asking us.
  const literal = isIP(host) !== 0;
  if (literal) {
    const verdict = options.policy.checkAddress(host);
    if (!verdict.allowed) {
      const message = `image host ${host} is ${describeRange(verdict.range)}, not allowed (add it to SYNDICARD_IMAGE_ALLOW to allow it): ${url.href}`;
      return Promise.reject(new ImageLoadError('IMAGE_ADDRESS_BLOCKED', message, { url: url.href }));
    }
  }
  // A host allowed by name is trusted whatever it resolves to; any other name is checked at connect time.
  const trusted = literal || options.policy.isHostAllowed(host);
  const lookup = trusted ? undefined : createGuardedLookup(options.policy, url);
  const secure = url.protocol === 'https:';
  const request = (secure ? https : http).request({
    protocol: url.protocol,
    hostname: host,
    port: url.port,
    path: `${url.pathname}${url.search}`,
    method: 'GET',
    headers: options.headers,
    agent: secure ? options.agents.https : options.agents.http,
    signal: options.signal,
    ...(lookup === undefined ? {} : { lookup }),
  });
  return new Promise((resolve, reject) => {
    request.once('response', resolve);
    request.on('error', reject); // `on`: a later error (abort mid-body) must not go unhandled
    request.end();
  });
}

/**
 * A `lookup` for net.connect that drops every resolved address the policy refuses and fails with
 * IMAGE_ADDRESS_BLOCKED when none is left. net calls it with `all: true` when it races IPv4 and IPv6
 * (autoSelectFamily, the default since Node 20) and without it otherwise: both shapes are answered.
 */
export function createGuardedLookup(policy: AddressPolicy, url: URL, resolve: ResolveAll = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '');
        return;
      }
      const allowed = addresses.filter(({ address }) => policy.checkAddress(address).allowed);
      const [first] = allowed;
      if (first === undefined) {
        callback(blockedLookupError(policy, url, hostname, addresses), '');
      } else if ((options as { all?: boolean }).all) {
        callback(null, allowed);
      } else {
        callback(null, first.address, first.family);
      }
    });
  };
}

function blockedLookupError(policy: AddressPolicy, url: URL, hostname: string, addresses: LookupAddress[]) {
  const [first] = addresses;
  const verdict = first === undefined ? undefined : policy.checkAddress(first.address);
  const what =
    first === undefined || verdict === undefined || verdict.allowed
      ? 'resolves to no address'
      : `resolves to ${first.address}, ${describeRange(verdict.range)}`;
  const message = `image host ${hostname} ${what}, not allowed (add the host or the address to SYNDICARD_IMAGE_ALLOW to allow it): ${url.href}`;
  return new ImageLoadError('IMAGE_ADDRESS_BLOCKED', message, { url: url.href });
}
