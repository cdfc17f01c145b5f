import sharp from 'sharp';

export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Per-channel mean, min and max of one region of an image, from its raw pixels. (sharp's own `stats()` describes
 * the whole input image, whatever `extract` comes before it.)
 */
export async function regionStats(
  image: Buffer,
  region: Region,
): Promise<{ mean: number[]; min: number[]; max: number[] }> {
  const { data, info } = await sharp(image).extract(region).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const channels = info.channels;
  const sum = new Array<number>(channels).fill(0);
  const min = new Array<number>(channels).fill(255);
  const max = new Array<number>(channels).fill(0);
  for (let i = 0; i < data.length; i++) {
    const c = i % channels;
    const v = data[i]!;
    sum[c]! += v;
    if (v < min[c]!) min[c] = v;
    if (v > max[c]!) max[c] = v;
  }
  const pixels = data.length / channels;
  return { mean: sum.map((s) => s / pixels), min, max };
}
