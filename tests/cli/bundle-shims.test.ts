import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// The bundle's stand-ins for two pure-JavaScript inflaters (scripts/bundle-cli.mjs), against the packages they stand
// in for: same bytes, same return contract.
const require = createRequire(import.meta.url);
type Inflate = (source: Uint8Array, dest: Uint8Array) => Uint8Array;
type InflateSync = (data: Uint8Array, out?: Uint8Array) => Uint8Array;
const tinyInflate = require('tiny-inflate') as Inflate;
const tinyShim = require('../../scripts/bundle-shims/tiny-inflate.cjs') as Inflate;
const fflate = require('fflate') as { inflateSync: InflateSync };
const fflateShim = require('../../scripts/bundle-shims/fflate.cjs') as { inflateSync: InflateSync };

/** Text-like bytes (compressible) with some noise. */
function sample(length: number): Buffer {
  const words = Buffer.from('the quick brown fox jumps over the lazy dog ');
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = words[i % words.length]!;
  randomBytes(length / 16).copy(bytes, length / 2);
  return bytes;
}

/** linebreak's UAX #14 table as the package ships it (base64 of unicode-trie's format), the shim's real input. */
function linebreakTrie(): Buffer {
  const source = readFileSync(require.resolve('linebreak'), 'utf8');
  const base64 = /toByteArray\("([A-Za-z0-9+/=]+)"\)/.exec(source)?.[1];
  if (!base64) throw new Error('linebreak no longer ships its table as base64: re-read scripts/bundle-shims/');
  return Buffer.from(base64, 'base64');
}

describe('bundle shims: inflate with node:zlib', () => {
  it('tiny-inflate: unpacks linebreak’s table to the same bytes, through both of unicode-trie’s passes', () => {
    const trie = linebreakTrie();
    const length = trie.readUInt32LE(8);
    const run = (inflate: Inflate) =>
      inflate(inflate(trie.subarray(12), new Uint8Array(length)), new Uint8Array(length));
    const expected = run(tinyInflate);
    const got = run(tinyShim);
    expect(got.length).toBe(length);
    expect(Buffer.from(got).equals(Buffer.from(expected))).toBe(true);
  });

  it('tiny-inflate: returns a copy of the filled part, with a buffer of its own, when the data is shorter', () => {
    const data = sample(4096);
    const got = tinyShim(deflateRawSync(data), new Uint8Array(5000));
    const expected = tinyInflate(deflateRawSync(data), new Uint8Array(5000));
    expect(got.length).toBe(4096);
    expect(got.buffer.byteLength).toBe(4096); // unicode-trie reads `new Uint32Array(data.buffer)`
    expect(Buffer.from(got).equals(Buffer.from(expected))).toBe(true);
  });

  it('fflate: inflateSync gives the same bytes with and without an output array', () => {
    const data = sample(8192);
    const compressed = deflateRawSync(data);
    expect(Buffer.from(fflateShim.inflateSync(compressed)).equals(data)).toBe(true);
    expect(Buffer.from(fflate.inflateSync(compressed)).equals(data)).toBe(true);
    const out = new Uint8Array(8192);
    expect(fflateShim.inflateSync(compressed, out)).toBe(out);
    expect(Buffer.from(out).equals(data)).toBe(true);
  });

  it('fails on corrupt data instead of returning garbage, as the packages do', () => {
    const corrupt = Buffer.from([0xff, 0xff, 0xff, 0xff]);
    expect(() => tinyInflate(corrupt, new Uint8Array(16))).toThrow();
    expect(() => tinyShim(corrupt, new Uint8Array(16))).toThrow();
    expect(() => fflateShim.inflateSync(corrupt)).toThrow();
  });
});
