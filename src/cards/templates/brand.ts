import type { Direction } from '../text/index.js';
import { type CardElement, type CardLogo, el } from './element.js';
import type { TemplateLabel } from './input.js';

export interface BrandOptions {
  siteName: TemplateLabel;
  section: TemplateLabel | undefined;
  logo: CardLogo | undefined;
  fontFamily: string;
  /** Colours of the site-name tag, or of the name's text when `tagged` is false. */
  nameBackground: string | undefined;
  nameColor: string;
  sectionColor: string;
  /** The card's direction: right to left, the name starts at the right edge and the section follows to its left. */
  direction: Direction;
}

/** The style that lays a label out in its own direction (nothing for left to right, as before). */
export function labelDirection(label: TemplateLabel): Record<string, string> {
  return label.direction === 'rtl' ? { direction: 'rtl' } : {};
}

/** Site name (or logo) and the optional section label, on one line in the top corner on the reader's start side. */
export function brandElement(options: BrandOptions): CardElement {
  const { siteName, section, logo, fontFamily, nameBackground, nameColor, sectionColor, direction } = options;
  const rtl = direction === 'rtl';
  const name = logo
    ? el('img', { width: logo.width, height: logo.height }, undefined, {
        src: logo.dataUri,
        width: logo.width,
        height: logo.height,
      })
    : el(
        'div',
        {
          display: 'block',
          maxWidth: 640,
          fontFamily,
          fontWeight: 700,
          fontSize: 28,
          lineHeight: 1.2,
          color: nameColor,
          lineClamp: 1,
          ...labelDirection(siteName),
          ...(nameBackground ? { backgroundColor: nameBackground, padding: '6px 14px', borderRadius: 4 } : {}),
        },
        siteName.text,
      );
  const children: CardElement[] = [name];
  if (section) {
    children.push(
      el(
        'div',
        {
          display: 'block',
          maxWidth: 360,
          ...(rtl ? { marginRight: 20 } : { marginLeft: 20 }),
          fontFamily,
          fontWeight: 700,
          fontSize: 22,
          lineHeight: 1.2,
          letterSpacing: 2,
          textTransform: 'uppercase',
          color: sectionColor,
          lineClamp: 1,
          ...labelDirection(section),
        },
        section.text,
      ),
    );
  }
  return el('div', { display: 'flex', flexDirection: rtl ? 'row-reverse' : 'row', alignItems: 'center' }, children);
}
