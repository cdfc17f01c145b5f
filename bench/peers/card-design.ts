import type { Article, Site } from '../../src/articles/index.js';
import { CARD_HEIGHT, CARD_WIDTH, type CardSpec, cardSpecForArticle } from '../../src/cards/index.js';
import type { CardElement, FittedHeadline } from '../../src/cards/templates/index.js';
import { templateInput } from '../../src/cards/templates/index.js';
import { photoTemplate } from '../../src/cards/templates/photo.js';
import { plainTemplate } from '../../src/cards/templates/plain.js';

/**
 * syndicard's two card designs for the peers, so every subject draws the same picture: for @vercel/og the same
 * satori elements (one layout at a fixed headline size: the peers do not search for the size that fits, which
 * syndicard does with 2–3 extra headline layouts per card), with the photo and the scrim drawn by the rasteriser
 * on every card as a @vercel/og user would; for Chromium the same boxes as HTML and CSS.
 */
export type PeerTemplate = 'photo' | 'plain';

const FIXED: Record<PeerTemplate, FittedHeadline> = {
  photo: { fontSize: 56, maxLines: 3, lines: 3, clamped: true },
  plain: { fontSize: 66, maxLines: 4, lines: 4, clamped: true },
};

/** The photo card's scrim as a CSS gradient: what photo-scrim.ts bakes into the photo once (top 0.5, bottom 0.86). */
const SCRIM =
  'linear-gradient(to bottom, rgba(0,0,0,0.5) 0%, rgba(0,0,0,0) 27%, rgba(0,0,0,0) 32%, rgba(0,0,0,0.43) 66%, rgba(0,0,0,0.86) 100%)';

export function peerSpec(article: Article, site: Site, template: PeerTemplate): CardSpec {
  return cardSpecForArticle(article, site, template);
}

/** The satori element @vercel/og renders; `photoSrc` is the photo as a data: URI (loaded once, outside the timing). */
export function ogElement(spec: CardSpec, template: PeerTemplate, fontFamily: string, photoSrc: string): CardElement {
  const input = templateInput(spec, fontFamily, undefined);
  if (template === 'plain') return plainTemplate(input, FIXED.plain);
  const layer = photoTemplate(input, FIXED.photo);
  const full = { position: 'absolute', top: 0, left: 0, width: CARD_WIDTH, height: CARD_HEIGHT } as const;
  return {
    type: 'div',
    props: {
      style: { display: 'flex', position: 'relative', width: CARD_WIDTH, height: CARD_HEIGHT, backgroundColor: '#000' },
      children: [
        {
          type: 'img',
          props: { src: photoSrc, width: CARD_WIDTH, height: CARD_HEIGHT, style: { ...full, objectFit: 'cover' } },
        },
        { type: 'div', props: { style: { ...full, backgroundImage: SCRIM } } },
        { type: layer.type, props: { ...layer.props, style: { ...layer.props.style, ...full } } },
      ],
    },
  };
}

/** The same card as an HTML document for Chromium; fonts and photo come from the asset server (browser-cached). */
export function cardHtml(spec: CardSpec, template: PeerTemplate, assetOrigin: string): string {
  const input = templateInput(spec, 'Noto Sans', undefined);
  const { background, foreground, accent } = spec.theme;
  const size = FIXED[template];
  const headline = `<div class="headline" style="font-size:${size.fontSize}px;letter-spacing:${-0.01 * size.fontSize}px;-webkit-line-clamp:${size.maxLines};color:${template === 'photo' ? '#fff' : foreground}">${escapeHtml(input.headline)}</div>`;
  const section = input.spec.section ? `<div class="section">${escapeHtml(input.spec.section)}</div>` : '';
  const body =
    template === 'photo'
      ? `<div class="card photo" style="background-image:${SCRIM},url('${escapeHtml(spec.photoUrl ?? '')}')">
  <div class="top"><div class="brand"><div class="name" style="background:${accent};color:#fff">${escapeHtml(input.spec.siteName)}</div>${section}</div>${input.credit ? `<div class="credit">${escapeHtml(input.credit.text)}</div>` : ''}</div>
  <div class="bottom"><div class="rule" style="background:${accent}"></div>${headline}</div></div>`
      : `<div class="card plain" style="background:${background}"><div class="stripe" style="background:${accent}"></div>
  <div class="column"><div class="brand"><div class="name" style="color:${foreground}">${escapeHtml(input.spec.siteName)}</div>${section.replace('class="section"', `class="section" style="color:${accent}"`)}</div>
  ${headline}<div class="plain-rule" style="background:${accent}"></div></div></div>`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@font-face{font-family:'Noto Sans';font-weight:400;src:url('${assetOrigin}/fonts/NotoSans-Regular.ttf')}
@font-face{font-family:'Noto Sans';font-weight:700;src:url('${assetOrigin}/fonts/NotoSans-Bold.ttf')}
*{box-sizing:border-box;margin:0}
body{width:${CARD_WIDTH}px;height:${CARD_HEIGHT}px;font-family:'Noto Sans';font-weight:700}
.card{width:${CARD_WIDTH}px;height:${CARD_HEIGHT}px;display:flex;overflow:hidden}
.photo{flex-direction:column;justify-content:space-between;padding:44px 64px 52px;background-size:cover;background-position:center;color:#fff}
.plain{flex-direction:row}.stripe{flex:none;width:20px;height:${CARD_HEIGHT}px}
.column{display:flex;flex-direction:column;justify-content:space-between;flex-grow:1;padding:52px 72px 56px 64px}
.top{display:flex;justify-content:space-between;align-items:flex-start}.brand{display:flex;align-items:center}
.name{font-size:28px;line-height:1.2;max-width:640px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.photo .name{padding:6px 14px;border-radius:4px}
.section{margin-left:20px;font-size:22px;letter-spacing:2px;text-transform:uppercase;max-width:360px}
.credit{margin-left:24px;padding:5px 12px;border-radius:4px;background:rgba(0,0,0,.55);color:#f3f4f6;font-weight:400;font-size:18px;line-height:1.3;max-width:480px;white-space:nowrap;overflow:hidden}
.rule{width:96px;height:6px;margin-bottom:22px}.plain-rule{width:120px;height:8px}
.headline{line-height:1.12;overflow-wrap:anywhere;display:-webkit-box;-webkit-box-orient:vertical;overflow:hidden}
</style></head><body>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
