import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { DEFAULT_EMBED_HOSTS } from '../src/feeds/index.js';

describe('defence settings', () => {
  it('has deliberate defaults', () => {
    const config = loadConfig({});
    expect(config.embedHosts).toEqual(DEFAULT_EMBED_HOSTS);
    expect(config.server).toEqual({
      headersTimeoutSeconds: 10,
      requestTimeoutSeconds: 30,
      keepAliveTimeoutSeconds: 5,
      maxConnections: 1024,
      trustProxy: false,
    });
  });

  it('reads embed hosts as a list, `none` as none, and names a bad entry', () => {
    expect(loadConfig({ SYNDICARD_EMBED_HOSTS: 'Player.Vimeo.com, www.youtube.com' }).embedHosts).toEqual([
      'player.vimeo.com',
      'www.youtube.com',
    ]);
    expect(loadConfig({ SYNDICARD_EMBED_HOSTS: 'none' }).embedHosts).toEqual([]);
    expect(() => loadConfig({ SYNDICARD_EMBED_HOSTS: 'https://www.youtube.com/' })).toThrow(
      /SYNDICARD_EMBED_HOSTS: every entry must be a hostname such as www.youtube.com, got "https:\/\/www.youtube.com\/"/,
    );
  });

  it('refuses timeouts out of range, naming the setting', () => {
    expect(() => loadConfig({ SYNDICARD_HEADERS_TIMEOUT: '0', SYNDICARD_MAX_CONNECTIONS: 'lots' })).toThrow(
      /SYNDICARD_HEADERS_TIMEOUT: must be a whole number from 1 to 600, got "0"[\s\S]*SYNDICARD_MAX_CONNECTIONS/,
    );
  });
});
