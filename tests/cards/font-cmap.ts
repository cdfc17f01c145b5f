/**
 * The code points a TrueType/OpenType font maps to glyphs, read from its `cmap` table (formats 4 and 12, the ones
 * Unicode fonts carry): https://learn.microsoft.com/typography/opentype/spec/cmap. For tests that check coverage
 * without going through satori (combining marks, which satori never looks up on their own).
 */
export function fontCodePoints(data: Buffer): Set<number> {
  const tables = data.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const record = 12 + 16 * i;
    if (data.toString('latin1', record, record + 4) === 'cmap') cmap = data.readUInt32BE(record + 8);
  }
  if (cmap < 0) throw new Error('font has no cmap table');
  const points = new Set<number>();
  const subtables = data.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const offset = cmap + data.readUInt32BE(cmap + 4 + 8 * i + 4);
    const format = data.readUInt16BE(offset);
    if (format === 4) readFormat4(data, offset, points);
    if (format === 12) readFormat12(data, offset, points);
  }
  return points;
}

function readFormat4(data: Buffer, offset: number, points: Set<number>): void {
  const segments = data.readUInt16BE(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const end = data.readUInt16BE(ends + 2 * s);
    const start = data.readUInt16BE(starts + 2 * s);
    const delta = data.readInt16BE(deltas + 2 * s);
    const rangeOffset = data.readUInt16BE(rangeOffsets + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const at = rangeOffsets + 2 * s + rangeOffset + 2 * (c - start);
        const raw = data.readUInt16BE(at);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) points.add(c);
    }
  }
}

function readFormat12(data: Buffer, offset: number, points: Set<number>): void {
  const groups = data.readUInt32BE(offset + 12);
  for (let g = 0; g < groups; g++) {
    const group = offset + 16 + 12 * g;
    const start = data.readUInt32BE(group);
    const end = data.readUInt32BE(group + 4);
    for (let c = start; c <= end; c++) points.add(c);
  }
}
