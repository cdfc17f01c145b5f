import sanitizeHtml from 'sanitize-html';
import { type ArticleImage, creditLine } from '../../articles/index.js';
import { DEFAULT_EMBED_HOSTS } from './embed-hosts.js';

export { DEFAULT_EMBED_HOSTS };

/**
 * The HTML that goes into `content:encoded`, Atom `content type="html"` and JSON Feed `content_html`. Feed readers
 * render it inside their own pages, so it is reduced to markup that cannot run code: no scripts, styles, event
 * handlers or `javascript:` URLs. Readers have no base URL for an item's HTML (Atom's xml:base is widely ignored),
 * so every relative link and image is made absolute against the article's URL.
 *
 * Embeds (`<iframe>`) are kept only from an allow-list of player hosts (SYNDICARD_EMBED_HOSTS): a frame runs
 * someone else's page inside ours. On our article pages an allowed embed stays a frame (the page's CSP allows
 * exactly those hosts in frame-src); in feeds it becomes a plain link to the video or post, because readers strip
 * iframes anyway and the W3C Feed Validator warns about every one. Embeds from other hosts are dropped.
 */

export interface EmbedOptions {
  /** Hostnames (exact, lower case) whose https iframes are kept. */
  hosts: readonly string[];
  /** `frame` keeps an allowed embed as an iframe (pages); `link` turns it into a link (feeds). */
  mode: 'frame' | 'link';
}

const FEED_EMBEDS: EmbedOptions = { hosts: DEFAULT_EMBED_HOSTS, mode: 'link' };
const PAGE_EMBEDS: EmbedOptions = { hosts: DEFAULT_EMBED_HOSTS, mode: 'frame' };

const URL_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'],
  img: ['src'],
  iframe: ['src'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite'],
  ins: ['cite'],
};

function buildOptions(baseUrl: string, embeds: EmbedOptions): sanitizeHtml.IOptions {
  const allowedHost = (src: string | undefined): URL | undefined => {
    const url = src === undefined ? undefined : resolveUrl(src, baseUrl);
    if (url === undefined) return undefined;
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && embeds.hosts.includes(parsed.hostname) ? parsed : undefined;
  };
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
    // sanitize-html applies the iframe transform first, then '*' to what it returned.
    transformTags: {
      iframe: (tagName, attribs) => {
        const source = allowedHost(attribs.src);
        // A refused source leaves an iframe without src, which the filter below drops.
        if (!source) {
          const { src: _refused, ...rest } = attribs;
          return { tagName, attribs: rest };
        }
        if (embeds.mode === 'frame') return { tagName, attribs };
        const link = embedLink(source);
        return { tagName: 'a', attribs: { href: link.href }, text: linkText(attribs.title, link.provider) };
      },
      '*': (tagName, attribs) => ({ tagName, attribs: absolutize(tagName, attribs, baseUrl) }),
    },
    // An iframe whose source was refused would be an empty box in the reader. (`frame.tag` is the name in the
    // input: an embed turned into a link is still `iframe` here, with an href.)
    exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src && !frame.attribs.href,
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

/** Sanitises body HTML and makes its URLs absolute against `articleUrl`; embeds as frames by default (pages). */
export function sanitizeBody(html: string, articleUrl: string, embeds: EmbedOptions = PAGE_EMBEDS): string {
  return sanitizeHtml(html, buildOptions(articleUrl, embeds));
}

/**
 * The page an embed plays, for readers that get a link instead of a frame: the player URL mapped to the provider's
 * own page where its form is known (YouTube `/embed/ID` → `/watch?v=ID`, Vimeo `player.vimeo.com/video/ID` →
 * `vimeo.com/ID`…), else the player URL itself, which every one of these providers also serves as a page.
 */
export function embedLink(src: URL): { href: string; provider: string } {
  const host = src.hostname;
  const path = src.pathname;
  let m: RegExpExecArray | null;
  if (/(^|\.)youtube(-nocookie)?\.com$/.test(host)) {
    const video = /^\/embed\/([A-Za-z0-9_-]{6,})$/.exec(path)?.[1];
    if (video && video !== 'videoseries')
      return { href: `https://www.youtube.com/watch?v=${video}`, provider: 'YouTube' };
    const list = src.searchParams.get('list');
    if (path === '/embed/videoseries' && list && /^[A-Za-z0-9_-]+$/.test(list)) {
      return { href: `https://www.youtube.com/playlist?list=${list}`, provider: 'YouTube' };
    }
    return { href: src.href, provider: 'YouTube' };
  }
  if (host === 'player.vimeo.com') {
    m = /^\/video\/(\d+)$/.exec(path);
    return { href: m ? `https://vimeo.com/${m[1]}` : src.href, provider: 'Vimeo' };
  }
  if (host.endsWith('dailymotion.com')) {
    const id = /^\/embed\/video\/([A-Za-z0-9]+)$/.exec(path)?.[1] ?? src.searchParams.get('video');
    const valid = id && /^[A-Za-z0-9]+$/.test(id);
    return { href: valid ? `https://www.dailymotion.com/video/${id}` : src.href, provider: 'Dailymotion' };
  }
  if (host === 'open.spotify.com') {
    m = /^\/embed\/(track|album|playlist|episode|show|artist)\/([A-Za-z0-9]+)$/.exec(path);
    return { href: m ? `https://open.spotify.com/${m[1]}/${m[2]}` : src.href, provider: 'Spotify' };
  }
  if (host === 'w.soundcloud.com') {
    const target = src.searchParams.get('url');
    const ok = target && URL.canParse(target) && new URL(target).protocol === 'https:';
    return { href: ok ? new URL(target).href : src.href, provider: 'SoundCloud' };
  }
  return { href: src.href, provider: host };
}

/** The iframe's own title when it says something ("YouTube video player" does not), else where it plays. */
function linkText(title: string | undefined, provider: string): string {
  const own = title?.trim();
  if (own && !/\b(player|embed|iframe|video|audio)\b/i.test(own)) return `${own} (${provider})`;
  if (provider === 'Spotify' || provider === 'SoundCloud') return `Listen on ${provider}`;
  return `${provider.includes('.') ? 'Open on' : 'Watch on'} ${provider}`;
}

/** Escapes text for use inside HTML (element content or a double-quoted attribute). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The hero image as the publisher's pages print it: `<figure><img src alt><figcaption>caption (Credit: credit)
 * </figcaption></figure>`, the credit labelled in the item's language by the rule cards use (articles/record/credit.ts), and
 * not labelled twice when the publisher's credit already says "Credit: AP".
 */
export function renderHeroFigure(image: ArticleImage, language?: string): string {
  const credit = creditLine(image.credit, language);
  const caption = [image.caption?.trim(), credit ? `(${credit})` : undefined].filter(Boolean).join(' ');
  const figcaption = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '';
  return `<figure><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt ?? '')}">${figcaption}</figure>`;
}

/** The item's full HTML for a feed: the hero figure first, then the sanitised body, embeds as links. */
export function renderContentHtml(
  body: string,
  articleUrl: string,
  image: ArticleImage | undefined,
  language?: string,
  embedHosts: readonly string[] = FEED_EMBEDS.hosts,
): string {
  const hero = image ? renderHeroFigure(image, language) : '';
  const separator = hero && body ? '\n' : '';
  return sanitizeBody(`${hero}${separator}${body}`, articleUrl, { hosts: embedHosts, mode: 'link' });
}
