import type { CardSpec } from '../../src/cards/index.js';
/** One headline of tests/fixtures/world-headlines.json. */
export interface WorldHeadline {
    id: string;
    /** BCP 47 tag, as an article record carries it. */
    language: string;
    headline: string;
    credit?: string;
    /** What the headline exercises. */
    note: string;
}
export declare const WORLD_HEADLINES: readonly WorldHeadline[];
/** The seed site's photo card for a corpus headline, with its language and credit. */
export declare function worldSpec(entry: WorldHeadline, overrides?: Partial<CardSpec>): CardSpec;
