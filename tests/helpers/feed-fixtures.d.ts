import { XMLParser } from 'fast-xml-parser';
import { type Article, type ArticleInput, type Site, type SiteInput, type StoredArticle } from '../../src/articles/index.js';
import { type FeedFormat } from '../../src/feeds/index.js';
export declare const BASE_URL = "http://127.0.0.1:3000";
/** The feed updated time the tests pass when a feed has no items. */
export declare const FALLBACK_UPDATED: Date;
export declare function makeSite(overrides?: Partial<SiteInput>): Site;
export declare function makeArticle(overrides?: Partial<ArticleInput>): Article;
/** A StoredArticle with pinned store times; `firstPublishedAt` defaults to the article's own `publishedAt`. */
export declare function makeStored(article: Article, overrides?: Partial<Omit<StoredArticle, 'article'>>): StoredArticle;
/** A second article: no hero image, two bylines (one with e-mail), relative links and hostile markup in the body. */
export declare function makeOpinionArticle(): Article;
/** A third article: PNG hero without dimensions, caption and credit, a URL with a query string, in Welsh. */
export declare function makeWelshArticle(): Article;
/** The seed article, the opinion column and the Welsh article, newest first, as a feed receives them. */
export declare function makeSampleItems(): StoredArticle[];
/** The seed article's permanent item id and headline, as every format must carry them. */
export declare const SEED_ID = "tag:www.entertainmentdaily.example,2023-04-14:baby-p-mum-befriends-woman-who-smothered-daughter";
export declare const SEED_HEADLINE = "Baby P\u2019s mum \u2018becomes friends with woman who smothered three-year-old daughter\u2019 after prison release";
/** A generic XML parser for reading feeds back: attributes as `@name`, text never coerced. */
export declare const xml: XMLParser;
/** One feed from the sample items, with the fixed site, base URL and fallback date. */
export declare function build(format: FeedFormat, items?: StoredArticle[]): string;
