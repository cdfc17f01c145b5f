#!/usr/bin/env node
/**
 * Builds the regional CJK subsets in fonts/cjk/ from Google's Noto Sans SC/TC/HK/JP/KR Bold (static TTF, OFL 1.1),
 * as published on npm by @expo-google-fonts. The full fonts are 5.5–10.5 MB each and their npm packages carry nine
 * weights (~50 MB per region, ~250 MB for five): far over the 60 MB install budget, so the repository keeps one bold
 * subset per region instead (fonts/README.md).
 *
 * Each subset holds the characters of its region's national coded character set, enumerated with the WHATWG
 * decoders built into Node (no hand-made tables): GB 2312 for SC, Big5 for TC, Big5 + HKSCS for HK,
 * JIS X 0208 (with the NEC/IBM extensions of Windows-31J) for JP, KS X 1001 + all 11,172 Hangul syllables
 * for KR; plus Latin-1, general punctuation, CJK punctuation, kana and full-width forms for all.
 *
 * Run by a maintainer, never at install time (needs network to the npm registry):
 *   npm install --no-save subset-font@2.9.0 && node scripts/build-cjk-fonts.mjs
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXPO_VERSION = '0.4.3';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fonts', 'cjk');

/** Every character a two-byte region of a legacy encoding decodes to (WHATWG Encoding, as Node implements it). */
function decodeAll(encoding, leads, trails, prefix = []) {
  const decoder = new TextDecoder(encoding, { fatal: false });
  const chars = new Set();
  for (const lead of leads) {
    for (const trail of trails) {
      const text = decoder.decode(Uint8Array.from([...prefix, lead, trail]));
      for (const char of text) if (char !== '\uFFFD' && char.codePointAt(0) > 0x7f) chars.add(char);
    }
  }
  return chars;
}
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const codepoints = (from, to) => range(from, to).map((cp) => String.fromCodePoint(cp));

const COMMON = [
  ...codepoints(0x20, 0x7e),
  ...codepoints(0xa0, 0xff),
  ...codepoints(0x2000, 0x206f), // general punctuation
  ...codepoints(0x2190, 0x21ff), // arrows
  ...codepoints(0x2460, 0x24ff), // enclosed alphanumerics
  ...codepoints(0x25a0, 0x25ff), // geometric shapes
  ...codepoints(0x3000, 0x303f), // CJK symbols and punctuation
  ...codepoints(0x3040, 0x30ff), // hiragana, katakana
  ...codepoints(0x31f0, 0x31ff),
  ...codepoints(0xff00, 0xffef), // half- and full-width forms
];

const CANTONESE = [
  ...'啱嘅咗嘢喺哋嚟嘞咁噃嘥冇佢囉噉畀俾攰攞嗰啲乜睇揾搵嚿氹嘈唔咩嘛啫喎嚡吓啩咪喐嘟埋撳掟揼擰冚笠煲餸嘆靚㩒㷫',
  ...'嘍嚇嚫咋喇呢啦嗱𠵱𨋢𡃁𠱁冧咭嘜嗌嚤孖乸廿卅鬧㗎嘩嗮啖噏嚹瞓揸攝嘔呃氹㖭𠻺𦧲',
];

const REGIONS = {
  // GB 2312: rows 0xA1–0xF7 of EUC-CN (a subset of GBK).
  SC: () => decodeAll('gbk', range(0xa1, 0xf7), range(0xa1, 0xfe)),
  // Big5 proper (leads 0xA1–0xF9); WHATWG's index adds a few HKSCS code points in that range too.
  TC: () => decodeAll('big5', range(0xa1, 0xf9), [...range(0x40, 0x7e), ...range(0xa1, 0xfe)]),
  // Big5 with the Hong Kong Supplementary Character Set (WHATWG's Big5 is Big5-HKSCS), plus written Cantonese
  // characters that Node's decoder does not reach (嘅 咗 喺 哋 … are everyday words in Hong Kong headlines).
  HK: () => {
    const set = decodeAll('big5', range(0x87, 0xfe), [...range(0x40, 0x7e), ...range(0xa1, 0xfe)]);
    for (const char of CANTONESE) set.add(char);
    return set;
  },
  // JIS X 0208 with the NEC and IBM extensions (Windows-31J, WHATWG's Shift_JIS), plus four Jōyō kanji of 2010
  // that JIS X 0208 lacks.
  JP: () => {
    const set = decodeAll(
      'shift_jis',
      [...range(0x81, 0x9f), ...range(0xe0, 0xfc)],
      [...range(0x40, 0x7e), ...range(0x80, 0xfc)],
    );
    for (const char of '𠮟塡剝頰') set.add(char);
    return set;
  },
  // KS X 1001 (2,350 Hangul syllables, 4,888 hanja; Node's EUC-KR decoder stops there) and every one of the
  // 11,172 modern Hangul syllables and the compatibility jamo: names and loanwords use syllables KS X 1001 lacks.
  KR: () => {
    const set = decodeAll('euc-kr', range(0xa1, 0xfe), range(0xa1, 0xfe));
    for (const char of [...codepoints(0xac00, 0xd7a3), ...codepoints(0x3130, 0x318f)]) set.add(char);
    return set;
  },
};

const { default: subsetFont } = await import('subset-font');
const work = mkdtempSync(join(tmpdir(), 'syndicard-cjk-'));
mkdirSync(OUT, { recursive: true });
try {
  const only = process.argv.slice(2);
  for (const [region, charsOf] of Object.entries(REGIONS)) {
    if (only.length > 0 && !only.includes(region)) continue;
    const pkg = `@expo-google-fonts/noto-sans-${region.toLowerCase()}@${EXPO_VERSION}`;
    const tarball = execFileSync('npm', ['pack', pkg, '--silent'], { cwd: work, encoding: 'utf8' }).trim();
    const file = `NotoSans${region}_700Bold.ttf`;
    execFileSync('tar', ['xzf', join(work, tarball), '-C', work, `package/700Bold/${file}`]);
    const source = readFileSync(join(work, 'package/700Bold', file));
    const text = [...new Set([...COMMON, ...charsOf()])].join('');
    const subset = await subsetFont(source, text, { targetFormat: 'truetype' });
    const out = join(OUT, `NotoSans${region}-Bold.subset.ttf`);
    writeFileSync(out, subset);
    console.log(`${out}: ${[...text].length} characters, ${(subset.length / 1_048_576).toFixed(2)} MB (from ${pkg})`);
    rmSync(join(work, 'package'), { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
