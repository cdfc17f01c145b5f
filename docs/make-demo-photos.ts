/**
 * Draws the demo photos bundled in media/demo/ (the demo articles' and examples/seed-article.json's hero images), so a
 * fresh `npm start` shows photo cards without the network. They are made for this project: painted scenes as SVG,
 * softened and given film grain with sharp. Deterministic (seeded noise): running it again writes the same files.
 * Run: npx tsx docs/make-demo-photos.ts
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const OUT = fileURLToPath(new URL('../media/demo/', import.meta.url));
const W = 1600;
const H = 900;

/** mulberry32: a tiny seeded PRNG, so the grain (and the files) are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function ridge(rand: () => number, base: number, amp: number, step = 40): string {
  const points = [`0,${H}`];
  for (let x = 0; x <= W; x += step) points.push(`${x},${(base + (rand() - 0.5) * amp).toFixed(1)}`);
  points.push(`${W},${H}`);
  return points.join(' ');
}

const scenes: Record<string, (rand: () => number) => string> = {
  // A disused wharf on a river at morning, trees on the far bank.
  'riverside-park': (rand) => `
    <defs>
      <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8fb8de"/><stop offset="1" stop-color="#f3e2c4"/></linearGradient>
      <linearGradient id="water" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6d8fa8"/><stop offset="1" stop-color="#2e4a5c"/></linearGradient>
    </defs>
    <rect width="${W}" height="${H}" fill="url(#sky)"/>
    <polygon points="${ridge(rand, 430, 60, 25)}" fill="#3f6b3a"/>
    <polygon points="${ridge(rand, 480, 30, 18)}" fill="#2f5530"/>
    <rect y="520" width="${W}" height="${H - 520}" fill="url(#water)"/>
    ${Array.from({ length: 40 }, () => `<rect x="${(rand() * W).toFixed(0)}" y="${(530 + rand() * 360).toFixed(0)}" width="${(60 + rand() * 220).toFixed(0)}" height="3" fill="#dfe9ef" opacity="${(0.15 + rand() * 0.3).toFixed(2)}"/>`).join('')}
    <polygon points="0,600 760,640 760,700 0,760" fill="#5b4a3b"/>
    ${Array.from({ length: 12 }, (_, i) => `<rect x="${30 + i * 62}" y="${640 + i * 2}" width="14" height="${150 - i * 4}" fill="#3a2e25"/>`).join('')}
    <rect x="120" y="470" width="90" height="140" fill="#4b4038"/><rect x="240" y="500" width="60" height="110" fill="#564a40"/>`,
  // A sleeper train on a coastal line at dusk, its windows lit.
  'night-train': (rand) => `
    <defs>
      <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#1c2447"/><stop offset="0.7" stop-color="#b5597a"/><stop offset="1" stop-color="#f2a65e"/></linearGradient>
    </defs>
    <rect width="${W}" height="${H}" fill="url(#sky)"/>
    ${Array.from({ length: 80 }, () => `<circle cx="${(rand() * W).toFixed(0)}" cy="${(rand() * 300).toFixed(0)}" r="${(0.8 + rand() * 1.6).toFixed(1)}" fill="#fff" opacity="${(0.4 + rand() * 0.6).toFixed(2)}"/>`).join('')}
    <polygon points="${ridge(rand, 560, 80, 50)}" fill="#2a2340"/>
    <rect y="640" width="${W}" height="${H - 640}" fill="#15121f"/>
    <rect x="80" y="560" width="1440" height="90" rx="18" fill="#23203a"/>
    ${Array.from({ length: 22 }, (_, i) => `<rect x="${110 + i * 64}" y="580" width="40" height="30" rx="4" fill="#ffd98a" opacity="${(0.7 + rand() * 0.3).toFixed(2)}"/>`).join('')}
    <rect x="0" y="652" width="${W}" height="6" fill="#4a4560"/>`,
  // A lighthouse on rocks over a calm sea at sunset.
  lighthouse: (rand) => `
    <defs>
      <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f7c873"/><stop offset="1" stop-color="#e0704a"/></linearGradient>
      <linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#b45a4a"/><stop offset="1" stop-color="#3b2a3f"/></linearGradient>
      <radialGradient id="sun"><stop offset="0" stop-color="#fff3c4"/><stop offset="1" stop-color="#fff3c4" stop-opacity="0"/></radialGradient>
    </defs>
    <rect width="${W}" height="${H}" fill="url(#sky)"/>
    <circle cx="1150" cy="540" r="260" fill="url(#sun)"/>
    <rect y="560" width="${W}" height="${H - 560}" fill="url(#sea)"/>
    ${Array.from({ length: 50 }, () => `<rect x="${(900 + rand() * 500).toFixed(0)}" y="${(570 + rand() * 300).toFixed(0)}" width="${(30 + rand() * 120).toFixed(0)}" height="3" fill="#ffe0a0" opacity="${(0.2 + rand() * 0.4).toFixed(2)}"/>`).join('')}
    <polygon points="180,900 260,640 420,600 560,660 640,900" fill="#2b1f26"/>
    <polygon points="350,610 370,300 430,300 450,610" fill="#efe6da"/>
    <rect x="356" y="380" width="88" height="40" fill="#b3343a"/><rect x="352" y="500" width="96" height="40" fill="#b3343a"/>
    <rect x="360" y="250" width="80" height="50" fill="#fff6c8"/><polygon points="350,250 400,205 450,250" fill="#3a2a2a"/>`,
  // A city skyline at dusk, lit windows: the seed article's picture in examples/.
  'city-dusk': (rand) => `
    <defs>
      <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#25395e"/><stop offset="1" stop-color="#d98a6a"/></linearGradient>
    </defs>
    <rect width="${W}" height="${H}" fill="url(#sky)"/>
    ${Array.from({ length: 26 }, (_, i) => {
      const w = 50 + rand() * 70;
      const h = 200 + rand() * 420;
      const x = i * 62 - 20;
      const windows = Array.from({ length: 14 }, () => {
        const wx = x + 8 + rand() * (w - 20);
        const wy = H - h + 20 + rand() * (h - 40);
        return `<rect x="${wx.toFixed(0)}" y="${wy.toFixed(0)}" width="8" height="12" fill="#ffd98a" opacity="${(0.5 + rand() * 0.5).toFixed(2)}"/>`;
      }).join('');
      return `<rect x="${x}" y="${(H - h).toFixed(0)}" width="${w.toFixed(0)}" height="${h.toFixed(0)}" fill="hsl(230, 25%, ${(12 + rand() * 10).toFixed(0)}%)"/>${windows}`;
    }).join('')}`,
};

for (const [name, scene] of Object.entries(scenes)) {
  const rand = random(name.length * 7919);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${scene(rand)}</svg>`;
  const painted = await sharp(Buffer.from(svg)).blur(1.2).raw().toBuffer({ resolveWithObject: true });
  // Film grain: small seeded noise on every channel, so the JPEG reads as a photograph rather than flat vector art.
  const { data, info } = painted;
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + (rand() - 0.5) * 14));
  const jpeg = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality: 72, mozjpeg: true })
    .toBuffer();
  await writeFile(`${OUT}${name}.jpg`, jpeg);
  process.stdout.write(`media/demo/${name}.jpg: ${jpeg.length} bytes\n`);
}
