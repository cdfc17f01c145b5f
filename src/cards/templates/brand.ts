import { type CardElement, type CardLogo, el } from './element.js';

export interface BrandOptions {
  siteName: string;
  section: string | undefined;
  logo: CardLogo | undefined;
  fontFamily: string;
  /** Colours of the site-name tag, or of the name's text when `tagged` is false. */
  nameBackground: string | undefined;
  nameColor: string;
  sectionColor: string;
}

/** Site name (or logo) and the optional section label, on one line in the top-left corner. */
export function brandElement(options: BrandOptions): CardElement {
  const { siteName, section, logo, fontFamily, nameBackground, nameColor, sectionColor } = options;
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
          ...(nameBackground ? { backgroundColor: nameBackground, padding: '6px 14px', borderRadius: 4 } : {}),
        },
        siteName,
      );
  const children: CardElement[] = [name];
  if (section) {
    children.push(
      el(
        'div',
        {
          display: 'block',
          maxWidth: 360,
          marginLeft: 20,
          fontFamily,
          fontWeight: 700,
          fontSize: 22,
          lineHeight: 1.2,
          letterSpacing: 2,
          textTransform: 'uppercase',
          color: sectionColor,
          lineClamp: 1,
        },
        section,
      ),
    );
  }
  return el('div', { display: 'flex', flexDirection: 'row', alignItems: 'center' }, children);
}
