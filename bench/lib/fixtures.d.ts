import { type Article, type Site } from '../../src/articles/index.js';
/** The project root, and the fixtures the tests use too (tests/fixtures, inside the repository). */
export declare const PROJECT_ROOT: string;
export declare const FIXTURES_DIR: string;
export declare const HERO_JPG: string;
export declare const RESULTS_FILE: string;
export interface SeedRecords {
    /** The seed article as the store holds it, its hero image pointed at `photoUrl`. */
    article: Article;
    site: Site;
    heroBytes: Buffer;
}
export declare function loadSeed(photoUrl: string): Promise<SeedRecords>;
/**
 * The seed article with a headline no earlier iteration used: a new content key, so no cache can answer. The
 * counter replaces the headline's tail rather than lengthening it, so every variant lays out alike.
 */
export declare function variantOf(article: Article, i: number, tag?: string): Article;
/** `n` distinct articles for the feed benchmarks: ids, dates and headlines differ, the rest is the seed's. */
export declare function feedArticles(article: Article, n: number): Article[];
