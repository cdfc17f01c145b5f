// In the `syndicard` bundle (scripts/bundle-cli.mjs) in place of fflate, of which satori imports `inflateSync`
// alone (for WOFF font tables): fflate builds its Huffman tables when loaded, in JavaScript that runs cold in every
// `syndicard card`, for a function a card from TrueType fonts never calls. Node's zlib inflates the same raw
// DEFLATE (RFC 1951). fflate's contract: write into `out` when given and return it (or its filled part), else a
// new array.
'use strict';
const { inflateRawSync } = require('node:zlib');

exports.inflateSync = function inflateSync(data, out) {
  const inflated = inflateRawSync(data);
  if (!out) return new Uint8Array(inflated);
  out.set(inflated.length > out.length ? inflated.subarray(0, out.length) : inflated);
  return inflated.length < out.length ? out.subarray(0, inflated.length) : out;
};
