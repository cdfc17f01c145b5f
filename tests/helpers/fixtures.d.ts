import type { ArticleInput, Site } from '../../src/articles/index.js';
import { type Config } from '../../src/config.js';
/** The test fixtures, inside the repository (tests/fixtures): a fresh clone runs its tests with nothing beside it. */
export declare const FIXTURES_DIR: string;
export declare const HERO_JPG: string;
export declare const PORTRAIT_JPG: string;
export declare const SEED_ARTICLE_TEXT: string;
export declare const TEST_TOKEN = "test-token-0123456789abcdef";
/** A fresh copy of the seed article (exactly as the newsroom wrote it) with any fields replaced. */
export declare function makeArticle(overrides?: Partial<ArticleInput> & Record<string, unknown>): ArticleInput;
export declare function makeSite(overrides?: Record<string, unknown>): Site;
/** A config as main.ts would build it, from a literal environment: tests never touch process.env. */
export declare function makeConfig(env?: Record<string, string>): Readonly<Config>;
/** A pinned, steppable clock. */
export declare function makeClock(start?: string): {
    now: () => Date;
    advance: (ms: number) => void;
};
