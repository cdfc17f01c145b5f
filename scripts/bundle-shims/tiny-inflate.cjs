// In the `syndicard` bundle (scripts/bundle-cli.mjs) in place of tiny-inflate, which unicode-trie uses to unpack
// linebreak's line-break table (UAX #14) when satori is loaded: the same raw DEFLATE (RFC 1951) inflated by Node's
// zlib instead of JavaScript that runs cold, once, in every `syndicard card` (~20 ms on a slow machine).
// tiny-inflate's contract: fill `dest`, and return it, or a copy of the filled part when the data was shorter.
'use strict';
const { inflateRawSync } = require('node:zlib');

module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source);
  dest.set(out.length > dest.length ? out.subarray(0, dest.length) : out);
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
};
