/**
 * The one XML writer of the feeds. RSS and Atom are written here directly rather than through `feed`: `feed`
 * serialises with xml-js 1.6.11, which does not escape `&` or `<` in attribute values, splits only the first `]]>`
 * of a CDATA section and passes control characters through (docs/DEPENDENCY-NOTES.md), declares no namespaces for
 * Media RSS, `dc:creator` or RFC 5005, and writes a whole document at a time, so an item cannot be rendered once and
 * reused. Everything it did not model (namespaces, `dc:creator`, Media RSS, `xml:lang`, WebSub and RFC 5005 links)
 * used to be spliced into its output; now every element is written once, escaped for where it goes.
 *
 * The layout is the one `feed` (xml-js, four spaces) gave, so documents are byte-identical to what readers and
 * caches saw before.
 */

/** One indentation step (xml-js `spaces: 4`, as `feed` wrote). */
export const INDENT = '    ';

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/**
 * Element content: `&` and `<` must be escaped, `>` too after `]]` (XML 1.0 section 2.4); a CR is written as a
 * character reference so the parser's line-end normalisation (section 2.11) does not turn it into LF.
 */
export function escapeXmlText(value: string): string {
  // One pass over the text, and none at all for text with nothing to escape (most headlines and names): article
  // bodies escaped four times over were most of an Atom build.
  return TEXT_SPECIAL.test(value) ? value.replace(TEXT_SPECIALS, escapeOne) : value;
}

/** A double-quoted attribute value; tab, LF and CR as references because attribute normalisation (section 3.3.3) would turn them into spaces. */
export function escapeXmlAttribute(value: string): string {
  return ATTRIBUTE_SPECIAL.test(value) ? value.replace(ATTRIBUTE_SPECIALS, escapeOne) : value;
}

const TEXT_SPECIAL = /[&<>\r]/;
const TEXT_SPECIALS = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<>\r"\t\n]/;
const ATTRIBUTE_SPECIALS = /[&<>\r"\t\n]/g;
const REFERENCES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#13;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
};
const escapeOne = (character: string) => REFERENCES[character]!;

/**
 * Character data kept as written (HTML in `content:encoded`, Atom `content`). A CDATA section may not contain `]]>`:
 * each one is split across two sections (XML 1.0 section 2.7). A CR cannot survive in CDATA (line-end
 * normalisation), so such text is escaped instead.
 */
export function renderCdata(value: string): string {
  if (value.includes('\r')) return escapeXmlText(value);
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Attributes in the given order; undefined values are left out. */
export function renderAttributes(attributes: Readonly<Record<string, string | number | undefined>>): string {
  let out = '';
  for (const name in attributes) {
    const value = attributes[name];
    if (value !== undefined) out += ` ${name}="${escapeXmlAttribute(String(value))}"`;
  }
  return out;
}

/** `<name attrs>text</name>` on one line at `indent`, followed by a line end. */
export function textLine(indent: string, name: string, text: string, attributes = ''): string {
  return `${indent}<${name}${attributes}>${escapeXmlText(text)}</${name}>\n`;
}

/** `<name attrs>` with CDATA content on one line (the content may hold line ends of its own). */
export function cdataLine(indent: string, name: string, text: string, attributes = ''): string {
  return `${indent}<${name}${attributes}>${renderCdata(text)}</${name}>\n`;
}

/** An empty element `<name attrs/>` on its own line. */
export function emptyLine(
  indent: string,
  name: string,
  attributes: Readonly<Record<string, string | number | undefined>>,
) {
  return `${indent}<${name}${renderAttributes(attributes)}/>\n`;
}

/** A small element tree, for the nested parts (Media RSS, RFC 5005 links). */
export interface XmlElement {
  name: string;
  /** Undefined values are left out. */
  attributes?: Record<string, string | number | undefined>;
  text?: string;
  children?: XmlElement[];
}

/**
 * The element on its own line(s) at `indent`, each line ended. Text is never re-indented: a line break inside a
 * credit or caption is part of the publisher's text.
 */
export function renderXmlElement(element: XmlElement, indent: string): string {
  const open = `${indent}<${element.name}${renderAttributes(element.attributes ?? {})}`;
  if (element.children?.length) {
    const inner = element.children.map((child) => renderXmlElement(child, indent + INDENT)).join('');
    return `${open}>\n${inner}${indent}</${element.name}>\n`;
  }
  if (element.text !== undefined) return `${open}>${escapeXmlText(element.text)}</${element.name}>\n`;
  return `${open}/>\n`;
}
