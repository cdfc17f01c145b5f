/**
 * Where the card's layout differs from Chromium's today, per corpus headline: why, and the exact lines that differ
 * (tests/cards/world-layout.test.ts asserts each exactly, so any change, better or worse, fails and is looked at).
 * Regenerate the `lines` with WORLD_KNOWN=/tmp/known.json npx vitest run tests/cards/world-layout.test.ts after
 * looking at the new state with WORLD_REPORT=/tmp/report.md. Every reason names the owner of the fix.
 */
export declare const KNOWN_DIFFERENCES: Readonly<Record<string, {
    reason: string;
    lines: string;
}>>;
