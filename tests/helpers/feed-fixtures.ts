import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import {
  type Article,
  type ArticleInput,
  parseArticle,
  parseSite,
  type Site,
  type SiteInput,
  type StoredArticle,
} from '../../src/articles/index.js';
import { buildFeed, type FeedFormat } from '../../src/feeds/index.js';
import { FIXTURES_DIR } from './fixtures.js';

/** Fixture factories for feed tests: fresh objects per call, built from the seed records in tests/fixtures. */

const FIXTURES = `${FIXTURES_DIR}articles`;

function readJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${FIXTURES}/${name}`, 'utf8')) as Record<string, unknown>;
}

export const BASE_URL = 'http://127.0.0.1:3000';

/** The feed updated time the tests pass when a feed has no items. */
export const FALLBACK_UPDATED = new Date('2024-01-01T00:00:00Z');

export function makeSite(overrides: Partial<SiteInput> = {}): Site {
  return parseSite({ ...readJson('seed-site.json'), ...overrides });
}

export function makeArticle(overrides: Partial<ArticleInput> = {}): Article {
  return parseArticle({ ...readJson('seed-article.json'), ...overrides });
}

/** A StoredArticle with pinned store times; `firstPublishedAt` defaults to the article's own `publishedAt`. */
export function makeStored(article: Article, overrides: Partial<Omit<StoredArticle, 'article'>> = {}): StoredArticle {
  return {
    article,
    version: 'pinned-version',
    createdAt: new Date('2023-04-14T06:20:00Z'),
    storedAt: new Date('2023-04-14T10:45:00Z'),
    firstPublishedAt: article.publishedAt,
    idAuthority: 'www.entertainmentdaily.example',
    ...overrides,
  };
}

/** A second article: no hero image, two bylines (one with e-mail), relative links and hostile markup in the body. */
export function makeOpinionArticle(): Article {
  return parseArticle({
    id: 'tv-column-2023-04-13',
    url: 'https://www.entertainmentdaily.example/tv/column/?page=1&ref=feed',
    headline: 'Column: “Soaps & sagas” — why <Corrie> still matters',
    standfirst: 'Two writers argue it out: 5 > 3 & “quotes” stay intact',
    publishedAt: '2023-04-13T18:00:00Z',
    section: 'TV',
    tags: ['Coronation Street', 'Soaps & Drama'],
    authors: [
      {
        name: 'Aoife O’Brien',
        url: 'https://www.entertainmentdaily.example/author/aoife/',
        email: 'aoife@entertainmentdaily.example',
      },
      { name: 'Kim "KJ" Jones' },
    ],
    body: [
      '<p onclick="steal()">See <a href="/tv/corrie/">our Corrie hub</a> and <a href="javascript:alert(1)">this</a>.</p>',
      '<script>alert("x")</script><style>p { color: red }</style>',
      '<p><img src="../media/cobbles.png" alt="The cobbles" onerror="steal()"></p>',
      '<iframe src="http://insecure.example/embed"></iframe>',
      '<p>A CDATA end ]]> and another ]]> in the text.</p>',
    ].join('\n'),
  });
}

/** A third article: PNG hero without dimensions, caption and credit, a URL with a query string, in Welsh. */
export function makeWelshArticle(): Article {
  return parseArticle({
    id: 'eisteddfod-2023',
    url: 'https://www.entertainmentdaily.example/cy/eisteddfod-2023/',
    headline: 'Eisteddfod 2023: y côr yn ennill',
    publishedAt: '2023-04-12T09:30:00+01:00',
    language: 'cy',
    section: 'News',
    tags: ['Eisteddfod'],
    image: {
      url: 'https://www.entertainmentdaily.example/media/cor.png?w=1200&h=630',
      caption: 'Y côr ar y llwyfan',
      alt: 'A choir on stage',
      credit: 'Llun: “Ffotograffydd” & Co',
    },
    body: '<p>Llongyfarchiadau!</p>',
  });
}

/** The seed article, the opinion column and the Welsh article, newest first, as a feed receives them. */
export function makeSampleItems(): StoredArticle[] {
  return [makeStored(makeArticle()), makeStored(makeOpinionArticle()), makeStored(makeWelshArticle())];
}

/** The seed article's permanent item id and headline, as every format must carry them. */
export const SEED_ID =
  'tag:www.entertainmentdaily.example,2023-04-14:baby-p-mum-befriends-woman-who-smothered-daughter';
export const SEED_HEADLINE =
  'Baby P’s mum ‘becomes friends with woman who smothered three-year-old daughter’ after prison release';

/** A generic XML parser for reading feeds back: attributes as `@name`, text never coerced. */
export const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });

/** One feed from the sample items, with the fixed site, base URL and fallback date. */
export function build(format: FeedFormat, items = makeSampleItems()): string {
  return buildFeed({ format, site: makeSite(), baseUrl: BASE_URL, items, fallbackUpdated: FALLBACK_UPDATED });
}
