/**
 * Where the card's layout differs from Chromium's today, per corpus headline: why, and the exact lines that differ
 * (tests/cards/world-layout.test.ts asserts each exactly, so any change, better or worse, fails and is looked at).
 * Regenerate the `lines` with WORLD_KNOWN=/tmp/known.json npx vitest run tests/cards/world-layout.test.ts after
 * looking at the new state with WORLD_REPORT=/tmp/report.md. Every reason names the owner of the fix.
 */
export const KNOWN_DIFFERENCES: Readonly<Record<string, { reason: string; lines: string }>> = {
  'en-arabic-time': {
    reason:
      "an Arabic time inside an English headline sits at bidi level 2 (UAX #9 I2), which satori's word-level bidi cannot express and no mark can give it (TYPOGRAPHY-NOTES.md): 23:45 reads 45:23",
    lines:
      'line 2: card [45 | : | 23 | قطار | ’ | puzzles | tourists] · browser [23 | : | 45 | قطار | ’ | puzzles | tourists]',
  },
};
