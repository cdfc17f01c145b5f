import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardVersion, creditLine } from '../../src/cards/index.js';
import {
  type CardFormat,
  type CardSpec,
  type CardTemplate,
  cardCreditLine,
  collapseSpaces,
} from '../../src/cards/spec.js';
import { canonicalLanguage } from '../../src/cards/text/language.js';
import { CardNaming, TEMPLATE_VERSION } from '../../src/cards/version.js';
import { HERO_URL, makeSpec } from './card-fixtures.js';

describe('creditLine', () => {
  it.each([
    ['Photo by Shutterstock', 'Credit: Photo by Shutterstock'],
    ['Credit: AP', 'Credit: AP'],
    ['credits: Reuters/Getty', 'credits: Reuters/Getty'],
    ['  PA \n Wire ', 'Credit: PA Wire'],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (credit, expected) => {
    expect(creditLine(credit)).toBe(expected);
  });
});

describe('cardSpecForArticle', () => {
  it('takes the seed article’s headline, hero photo, credit and section, and the site’s name and theme', () => {
    expect(makeSpec()).toEqual({
      headline: 'Baby P’s mum ‘becomes friends with woman who smothered three-year-old daughter’ after prison release',
      siteName: 'Entertainment Daily',
      section: 'News',
      template: 'photo',
      theme: { background: '#111827', foreground: '#ffffff', accent: '#e11d48' },
      photoUrl: HERO_URL,
      photoAlt: 'Baby P mum in mugshot, Peter Connelly',
      credit: 'Photo by Shutterstock',
      language: 'en-GB',
    });
  });
});

describe('cardCreditLine', () => {
  it('labels the credit in the card’s language, detected from the headline when the spec has none', async () => {
    const { cardCreditLine } = await import('../../src/cards/spec.js');
    expect(cardCreditLine({ headline: 'Fans go wild', credit: 'AP' })).toBe('Credit: AP');
    expect(cardCreditLine({ headline: 'הממשלה הודיעה', credit: 'AP' })).toBe('צילום: AP');
    expect(cardCreditLine({ headline: 'Fans go wild', credit: 'AP', language: 'ja' })).toBe('写真：AP');
    expect(cardCreditLine({ headline: 'Fans go wild', credit: 'Credit: AP', language: 'he' })).toBe('Credit: AP');
  });

  it('is part of the version: the same credit in another language is another card', () => {
    expect(cardVersion(makeSpec({ language: 'he' }), 'f')).not.toBe(cardVersion(makeSpec({ language: 'en' }), 'f'));
  });
});

describe('cardSpecForArticle language', () => {
  it('is the article’s, or the site’s when the record has none', async () => {
    const { parseArticle, parseSite } = await import('../../src/articles/index.js');
    const { cardSpecForArticle } = await import('../../src/cards/index.js');
    const site = parseSite({ name: 'Haaretz Example', url: 'https://www.example.co.il/', language: 'he' });
    const record = {
      id: 'a1',
      url: 'https://www.example.co.il/a1',
      headline: 'כותרת',
      publishedAt: '2025-05-12T10:30:00Z',
    };
    expect(cardSpecForArticle(parseArticle(record), site).language).toBe('he');
    expect(cardSpecForArticle(parseArticle({ ...record, language: 'ar' }), site).language).toBe('ar');
  });
});

describe('cardVersion', () => {
  const fontsHash = 'fontsHashAAAAAAA';

  it('changes only when TEMPLATE_VERSION is bumped on purpose (pinned for the seed card without a language)', () => {
    // 'cards-2' gave v4hPW6BTgufb both before and after the language field existed (a card without one kept its
    // version); 'cards-3' is the bump for Arabic-script spacing and the glyph-mask painter (issues 7 and 11).
    expect(TEMPLATE_VERSION).toBe('cards-3');
    expect(cardVersion(makeSpec({ language: undefined }), fontsHash)).toBe('AGEpEABwJnmH');
  });

  it('changes with the language, written in any case', () => {
    expect(cardVersion(makeSpec({ language: 'he' }), fontsHash)).not.toBe(cardVersion(makeSpec(), fontsHash));
    expect(cardVersion(makeSpec({ language: 'EN-gb' }), fontsHash)).toBe(cardVersion(makeSpec(), fontsHash));
  });

  it('is 12 base64url characters and the same for the same spec', () => {
    const version = cardVersion(makeSpec(), fontsHash);
    expect(version).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(cardVersion(makeSpec(), fontsHash)).toBe(version);
    expect(TEMPLATE_VERSION).toBeTruthy();
  });

  it.each([
    ['headline', { headline: 'Another headline' }],
    ['credit', { credit: 'Photo by PA' }],
    ['site name', { siteName: 'Other Daily' }],
    ['section', { section: 'Showbiz' }],
    ['photo URL', { photoUrl: 'https://www.entertainmentdaily.example/media/other.jpg' }],
    ['template', { template: 'plain' as const }],
    ['accent colour', { theme: { background: '#111827', foreground: '#ffffff', accent: '#2563eb' } }],
    ['logo', { logoUrl: 'https://www.entertainmentdaily.example/logo.png' }],
  ])('changes with the %s', (_field, change) => {
    expect(cardVersion(makeSpec(change), fontsHash)).not.toBe(cardVersion(makeSpec(), fontsHash));
  });

  it('changes with the fonts, and not with what the card does not draw (alt text, spacing)', () => {
    expect(cardVersion(makeSpec(), 'otherFontsHashBB')).not.toBe(cardVersion(makeSpec(), fontsHash));
    expect(cardVersion(makeSpec({ photoAlt: 'another description' }), fontsHash)).toBe(
      cardVersion(makeSpec(), fontsHash),
    );
    const spec = makeSpec();
    expect(cardVersion({ ...spec, headline: ` ${spec.headline.replace(/ /g, '\n')} ` }, fontsHash)).toBe(
      cardVersion(spec, fontsHash),
    );
  });
});

describe('CardNaming.key', () => {
  const cardKey = (input: typeof base) =>
    new CardNaming(input.spec, input.fontsHash).key(input.template, input.photoSha256, input.logoSha256, input.format);
  const base: {
    spec: CardSpec;
    fontsHash: string;
    template: CardTemplate;
    photoSha256: string | undefined;
    logoSha256: string | undefined;
    format: CardFormat;
  } = {
    spec: makeSpec(),
    fontsHash: 'f',
    template: 'photo',
    photoSha256: 'a',
    logoSha256: undefined,
    format: 'png',
  };

  it('depends on the photo bytes and the format, and ignores the photo on a plain card', () => {
    expect(cardKey({ ...base, photoSha256: 'b' })).not.toBe(cardKey(base));
    expect(cardKey({ ...base, format: 'jpeg' })).not.toBe(cardKey(base));
    expect(cardKey({ ...base, template: 'plain', photoSha256: 'b' })).toBe(cardKey({ ...base, template: 'plain' }));
  });
});

describe('CardNaming', () => {
  // The arrays version.ts hashed before it wrote them out itself (one normalisation per spec): every version and key
  // must stay what they were, or every cached card and card URL would change.
  function fields(spec: CardSpec, template: CardTemplate): string[] {
    const language = canonicalLanguage(spec.language);
    const shown = [
      template,
      collapseSpaces(spec.headline),
      collapseSpaces(spec.siteName),
      collapseSpaces(spec.section ?? ''),
      cardCreditLine(spec) ?? '',
      spec.theme.background.toLowerCase(),
      spec.theme.foreground.toLowerCase(),
      spec.theme.accent.toLowerCase(),
    ];
    return language ? [...shown, language] : shown;
  }
  const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url');
  const specs: CardSpec[] = [
    makeSpec(),
    makeSpec({ language: undefined, section: undefined, credit: undefined }),
    makeSpec({ template: 'plain', logoUrl: 'https://example.com/logo "quoted".png', photoUrl: undefined }),
    makeSpec({ headline: ' Quotes " and \\ back\nslash\t\u0000 and \u2028 and 🎉 ', language: 'EN-gb' }),
    makeSpec({ headline: 'הממשלה הודיעה', credit: 'AP', language: 'not a tag!', siteName: 'Site\u00a0Name' }),
    makeSpec({ theme: { background: '#ABCDEF', foreground: '#FFF', accent: 'Red' }, section: ' Sport \n News ' }),
  ];

  it.each(specs.map((spec, i) => [i, spec] as const))('names spec %i as the arrays did', (_i, spec) => {
    const naming = new CardNaming(spec, 'fontsHash"1');
    const version = [
      TEMPLATE_VERSION,
      'fontsHash"1',
      ...fields(spec, spec.template),
      spec.photoUrl ?? '',
      spec.logoUrl ?? '',
    ];
    expect(naming.version).toBe(sha(version).slice(0, 12));
    const cases: [CardTemplate, string | undefined, string | undefined, CardFormat][] = [
      ['photo', 'abc', undefined, 'png'],
      ['plain', 'abc', 'logo', 'jpeg'],
      ['photo', undefined, 'logo', 'jpeg'],
      ['photo', 'abc', undefined, 'png'],
    ];
    for (const [template, photo, logo, format] of cases) {
      const key = [
        TEMPLATE_VERSION,
        'fontsHash"1',
        ...fields(spec, template),
        template === 'photo' ? (photo ?? '') : '',
      ];
      expect(naming.key(template, photo, logo, format)).toBe(sha([...key, logo ?? '', format]));
    }
  });
});

describe('collapseSpaces', () => {
  // What it did before it skipped text with nothing to collapse: the skip must never change a result.
  const replaced = (text: string) => text.replace(/[\t\n\r\f\v ]+/g, ' ').trim();
  it.each([
    'Plain headline with single spaces',
    'Two  spaces',
    ' leading',
    'trailing ',
    'tab\there',
    'line\nbreak',
    'form\ffeed and \v vertical',
    '\u00a0NBSP at the edges\u00a0',
    'NBSP\u00a0 inside',
    '\u2028line separator\u2029',
    '\ufeffBOM',
    'ideographic\u3000space\u3000',
    '',
    ' ',
    '\n',
  ])('%j as the replace gave it', (text) => {
    expect(collapseSpaces(text)).toBe(replaced(text));
  });
});
