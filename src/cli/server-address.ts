import type { Config } from '../config.js';

export interface ServerAddress {
  /** The server's public origin, without a trailing slash. */
  url: string;
  /** Where it came from, for the one line the CLI prints about it. */
  source: string;
}

/**
 * The server's address for commands that print or call its URLs: `--base-url`, else the same settings the server
 * reads (SYNDICARD_BASE_URL, else http://HOST:PORT), so a CLI run beside `npm start` agrees with the server without
 * being told twice. The caller prints `source`, so a wrong port is never silent.
 */
export function serverAddress(
  config: Readonly<Config>,
  env: Record<string, string | undefined>,
  flag?: string,
): ServerAddress {
  if (flag !== undefined) {
    let url: URL;
    try {
      url = new URL(flag);
    } catch {
      throw new Error(`--base-url must be an absolute http(s) URL such as https://feeds.example.com, got "${flag}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`--base-url must use http: or https:, got "${flag}"`);
    }
    return { url: url.href.replace(/\/+$/, ''), source: '--base-url' };
  }
  const set = (name: string) => Boolean(env[name]?.trim());
  if (set('SYNDICARD_BASE_URL')) return { url: config.baseUrl, source: 'SYNDICARD_BASE_URL' };
  const named = ['HOST', 'PORT'].filter(set);
  const source =
    named.length > 0
      ? `${named.join(' and ')}; SYNDICARD_BASE_URL or --base-url to change it`
      : 'the default HOST and PORT; SYNDICARD_BASE_URL or --base-url to change it';
  return { url: config.baseUrl, source };
}
