/**
 * Where the card's layout differs from Chromium's today, per corpus headline: why, and the exact lines that differ
 * (tests/cards/world-layout.test.ts asserts each exactly, so any change, better or worse, fails and is looked at).
 * Regenerate the `lines` with WORLD_KNOWN=/tmp/known.json npx vitest run tests/cards/world-layout.test.ts after
 * looking at the new state with WORLD_REPORT=/tmp/report.md. Every reason names the owner of the fix.
 */
export const KNOWN_DIFFERENCES: Readonly<Record<string, { reason: string; lines: string }>> = {
  'ar-basketball-score': {
    reason:
      'letter-spacing on Arabic script: the card applies its -0.01em to every glyph, Chromium does not letter-space cursive scripts (CSS Text 3 §8.2), so each Arabic word is ~0.7 px per glyph narrower on the card and a line holds one more word (measured: Latin words equal to 0.1 px, Arabic words 2–5 px narrower). Fix in the templates (no letter-spacing for Arabic-script text), src/cards/templates/headline.ts',
    lines:
      'line 1: card [نهائي | في | 89 | : | 76 | الزمالك | على | يفوز | الأهلي] · browser [في | 89 | : | 76 | الزمالك | على | يفوز | الأهلي]\nline 2: card [السلة | لكرة | مصر | كأس] · browser [السلة | لكرة | مصر | كأس | نهائي]',
  },
  'ar-scholarship-url': {
    reason:
      'letter-spacing on Arabic script: the card applies its -0.01em to every glyph, Chromium does not letter-space cursive scripts (CSS Text 3 §8.2), so each Arabic word is ~0.7 px per glyph narrower on the card and a line holds one more word (measured: Latin words equal to 0.1 px, Arabic words 2–5 px narrower). Fix in the templates (no letter-spacing for Arabic-script text), src/cards/templates/headline.ts',
    lines:
      'line 1: card [عبر | الدراسية | المنح | في | التسجيل | : | التعليم | وزارة] · browser [الدراسية | المنح | في | التسجيل | : | التعليم | وزارة]\nline 2: card [مارس | 15 | حتى | www.moe.gov.sa | الموقع] · browser [15 | حتى | www.moe.gov.sa | الموقع | عبر]\nline 3: card [] · browser [مارس]',
  },
  'ur-heatwave': {
    reason:
      'letter-spacing on Arabic script: the card applies its -0.01em to every glyph, Chromium does not letter-space cursive scripts (CSS Text 3 §8.2), so each Arabic word is ~0.7 px per glyph narrower on the card and a line holds one more word (measured: Latin words equal to 0.1 px, Arabic words 2–5 px narrower). Fix in the templates (no letter-spacing for Arabic-script text), src/cards/templates/headline.ts',
    lines:
      'line 1: card [44 | حرارت | درجہ | ، | گرمی | شدید | میں | کراچی] · browser [حرارت | درجہ | ، | گرمی | شدید | میں | کراچی]\nline 2: card [گیا | پہنچ | تک | گریڈ | سینٹی | ڈگری] · browser [گیا | پہنچ | تک | گریڈ | سینٹی | ڈگری | 44]',
  },
  'en-arabic-name': {
    reason:
      'letter-spacing on Arabic script: the card applies its -0.01em to every glyph, Chromium does not letter-space cursive scripts (CSS Text 3 §8.2), so each Arabic word is ~0.7 px per glyph narrower on the card and a line holds one more word (measured: Latin words equal to 0.1 px, Arabic words 2–5 px narrower). Fix in the templates (no letter-spacing for Arabic-script text), src/cards/templates/headline.ts',
    lines:
      'line 2: card [bin | Salman | ( | سلمان | بن | محمد | ) | meets | EU] · browser [bin | Salman | ( | سلمان | بن | محمد | ) | meets]\nline 3: card [leaders | in | Brussels] · browser [EU | leaders | in | Brussels]',
  },
  'en-arabic-time': {
    reason:
      "an Arabic time inside an English headline sits at bidi level 2 (UAX #9 I2), which satori's word-level bidi cannot express and no mark can give it (TYPOGRAPHY-NOTES.md): 23:45 reads 45:23",
    lines:
      'line 2: card [45 | : | 23 | قطار | ’ | puzzles | tourists] · browser [23 | : | 45 | قطار | ’ | puzzles | tourists]',
  },
};
