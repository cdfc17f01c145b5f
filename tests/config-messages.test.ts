import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, MIN_SECRET_LENGTH } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration messages name the setting that is wrong', () => {
  it('reports a bad HOST as HOST, not as the SYNDICARD_BASE_URL derived from it', () => {
    expect(problems({ HOST: '999.1.1.1' })).toBe(
      'invalid configuration:\n' +
        '  - HOST: must be an IP address or a host name such as 127.0.0.1, 0.0.0.0, :: or localhost, got "999.1.1.1"',
    );
  });

  it.each(['127.0.0.1', '0.0.0.0', '::', '::1', '[::1]', 'localhost', 'feeds-1.internal'])(
    'accepts HOST=%s',
    (host) => {
      // Listening on every address needs the public URL said outright (issue 8: no unroutable address in feeds).
      const env =
        host === '0.0.0.0' || host === '::'
          ? { HOST: host, SYNDICARD_BASE_URL: 'https://feeds.example' }
          : { HOST: host };
      expect(() => loadConfig(env)).not.toThrow();
    },
  );

  it.each(['999.1.1.1', '1.2.3.4.5', 'a..b', '-bad.example', 'under_score.example'])('refuses HOST=%s', (host) => {
    expect(problems({ HOST: host })).toContain('HOST: must be an IP address or a host name');
  });

  it.each(['SYNDICARD_API_TOKENS', 'SYNDICARD_SIGNING_KEYS'])('states the minimum length of %s', (name) => {
    expect(problems({ [name]: 'short,long-enough-0123456789,tiny' })).toBe(
      `invalid configuration:\n  - ${name}: every entry must be at least 16 characters long, got 2 shorter (5, 4 characters)`,
    );
  });

  it("says every minimum length in the README's settings table", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of ['SYNDICARD_API_TOKENS', 'SYNDICARD_SIGNING_KEYS']) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      expect(row).toContain(`each ≥ ${MIN_SECRET_LENGTH} characters`);
    }
  });
});
