import sanitizeHtml from 'sanitize-html';
import { type ArticleImage, creditLine } from '../articles/index.js';

/**
 * The HTML that goes into `content:encoded`, Atom `content type="html"` and JSON Feed `content_html`. Feed readers
 * render it inside their own pages, so it is reduced to markup that cannot run code: no scripts, styles, event
 * handlers or `javascript:` URLs. Readers have no base URL for an item's HTML (Atom's xml:base is widely ignored),
 * so every relative link and image is made absolute against the article's URL.
 */

const URL_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'],
  img: ['src'],
  iframe: ['src'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite'],
  ins: ['cite'],
};

function buildOptions(baseUrl: string): sanitizeHtml.IOptions {
  return {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'iframe', 'del', 'ins'],
    allowedAttributes: {
      a: ['href', 'title', 'hreflang'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      iframe: ['src', 'title', 'width', 'height', 'allow', 'allowfullscreen', 'referrerpolicy'],
      blockquote: ['cite'],
      q: ['cite'],
      del: ['cite', 'datetime'],
      ins: ['cite', 'datetime'],
      time: ['datetime'],
      ol: ['start', 'reversed', 'type'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      '*': ['lang', 'dir'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    // Video embeds only from https sources: a plain-http frame is mixed content in every reader that uses https.
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    allowIframeRelativeUrls: false,
    transformTags: { '*': (tagName, attribs) => ({ tagName, attribs: absolutize(tagName, attribs, baseUrl) }) },
    // An iframe whose source was refused would be an empty box in the reader.
    exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
  };
}

function absolutize(tagName: string, attribs: sanitizeHtml.Attributes, baseUrl: string): sanitizeHtml.Attributes {
  const names = URL_ATTRIBUTES[tagName];
  if (!names) return attribs;
  const out = { ...attribs };
  for (const name of names) {
    const value = out[name];
    if (value === undefined) continue;
    const resolved = resolveUrl(value, baseUrl);
    if (resolved === undefined) delete out[name];
    else out[name] = resolved;
  }
  return out;
}

function resolveUrl(value: string, baseUrl: string): string | undefined {
  // URL.canParse keeps a malformed href from throwing; it is dropped rather than guessed at.
  return URL.canParse(value, baseUrl) ? new URL(value, baseUrl).href : undefined;
}

/** Sanitises body HTML and makes its URLs absolute against `articleUrl`. */
export function sanitizeBody(html: string, articleUrl: string): string {
  return sanitizeHtml(html, buildOptions(articleUrl));
}

/** Escapes text for use inside HTML (element content or a double-quoted attribute). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The hero image as the publisher's pages print it: `<figure><img src alt><figcaption>caption (Credit: credit)
 * </figcaption></figure>`, the credit labelled in the item's language by the rule cards use (articles/credit.ts), and
 * not labelled twice when the publisher's credit already says "Credit: AP".
 */
export function renderHeroFigure(image: ArticleImage, language?: string): string {
  const credit = creditLine(image.credit, language);
  const caption = [image.caption?.trim(), credit ? `(${credit})` : undefined].filter(Boolean).join(' ');
  const figcaption = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '';
  return `<figure><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt ?? '')}">${figcaption}</figure>`;
}

/** The item's full HTML: the hero figure first, then the sanitised body. */
export function renderContentHtml(
  body: string,
  articleUrl: string,
  image: ArticleImage | undefined,
  language?: string,
): string {
  const hero = image ? renderHeroFigure(image, language) : '';
  const separator = hero && body ? '\n' : '';
  return sanitizeBody(`${hero}${separator}${body}`, articleUrl);
}
