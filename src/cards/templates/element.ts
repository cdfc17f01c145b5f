/**
 * The element objects satori lays out: what JSX would produce (`{ type, props }`), written as plain objects so the
 * templates stay pure functions without a JSX runtime.
 */
export type CardNode = CardElement | string;

export interface CardElement {
  type: string;
  /** Reported back by satori's `onNodeDetected`; not drawn. */
  key?: string;
  props: { style?: Record<string, string | number>; children?: CardNode | CardNode[]; [attribute: string]: unknown };
}

export function el(
  type: string,
  style: Record<string, string | number>,
  children?: CardNode | CardNode[],
  attributes: Record<string, unknown> = {},
): CardElement {
  return { type, props: { ...attributes, style, ...(children === undefined ? {} : { children }) } };
}

/** A logo already fetched and resized, as a data: URI (satori must never fetch anything itself). */
export interface CardLogo {
  dataUri: string;
  width: number;
  height: number;
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance, https://www.w3.org/TR/WCAG21/#dfn-relative-luminance). */
export function readableOn(hex: string): '#000000' | '#ffffff' {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast against white is (1.05)/(L+0.05), against black (L+0.05)/0.05: equal at L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}
