import { PNG } from 'pngjs';
/** Goldens are kept at half size: enough to catch a moved word, a lost mark or a box for a glyph, and small to commit. */
export declare const GOLDEN_SIZE: {
    width: number;
    height: number;
};
/** Share of pixels that may differ (anti-aliasing, encoder or libvips updates) before a card counts as changed. */
export declare const MAX_DIFF_RATIO = 0.005;
/** UPDATE_GOLDEN=1 rewrites the goldens: look at every one you rewrite before committing it. */
export declare const UPDATE_GOLDEN: boolean;
/** A card (PNG or JPEG, 1200×630) as the golden-size RGBA image pixelmatch compares. */
export declare function toGoldenPng(bytes: Buffer): Promise<PNG>;
/** Share of pixels of `actual` that differ from `golden` beyond pixelmatch's anti-aliasing-aware threshold. */
export declare function diffRatio(golden: PNG, actual: PNG): number;
/**
 * Reads the golden at `path` (writing `actual` there first under UPDATE_GOLDEN=1) and returns the share of pixels
 * that differ. A missing golden is an error, not a silent pass: it names the command that writes it.
 */
export declare function compareWithGolden(path: string, actual: PNG): number;
