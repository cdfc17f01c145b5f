import { escapeXmlAttribute, escapeXmlText } from './xml-slots.js';

/**
 * A minimal element writer for the parts `feed` cannot produce (Media RSS, `dc:creator`, Atom enclosures). It
 * escapes every value itself, so publisher text never meets xml-js.
 */
export interface XmlElement {
  name: string;
  /** Undefined values are left out. */
  attributes?: Record<string, string | number | undefined>;
  text?: string;
  children?: XmlElement[];
}

const INDENT = '    ';

/**
 * The element on its own line(s), each structural line prefixed with `indent`. Text is never re-indented: a line
 * break inside a credit or caption is part of the publisher's text.
 */
export function renderXmlElement(element: XmlElement, indent = ''): string {
  const attributes = Object.entries(element.attributes ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
  const open = `${indent}<${element.name}${attributes}`;
  if (element.children?.length) {
    const inner = element.children.map((child) => renderXmlElement(child, indent + INDENT)).join('\n');
    return `${open}>\n${inner}\n${indent}</${element.name}>`;
  }
  if (element.text !== undefined) return `${open}>${escapeXmlText(element.text)}</${element.name}>`;
  return `${open}/>`;
}

/**
 * Appends elements as the last children of the elements that contain each `anchor` (a slot marker, so unique in the
 * document): they go right before the next `closingTag`, indented one level deeper than it. Before slots are
 * filled the document holds only `feed`'s own markup, so the next closing tag is the right one. Anchors must come
 * in document order (one per item, as `feed` writes them); the document is rebuilt once, not once per item.
 */
export function appendChildren(
  xml: string,
  closingTag: string,
  additions: ReadonlyArray<{ anchor: string; children: XmlElement[] }>,
): string {
  const pieces: string[] = [];
  let copied = 0;
  for (const { anchor, children } of additions) {
    if (children.length === 0) continue;
    const at = xml.indexOf(anchor, copied);
    const close = at < 0 ? -1 : xml.indexOf(closingTag, at);
    if (close < 0) throw new Error(`cannot find ${closingTag} after a slot marker in the feed XML`);
    const lineStart = xml.lastIndexOf('\n', close) + 1;
    const indent = xml.slice(lineStart, close);
    pieces.push(xml.slice(copied, lineStart));
    for (const child of children) pieces.push(`${renderXmlElement(child, indent + INDENT)}\n`);
    copied = lineStart;
  }
  pieces.push(xml.slice(copied));
  return pieces.join('');
}

/**
 * Adds attributes to the opening tags (`<entry>`) of the elements that contain each `anchor` (a slot marker, unique
 * in the document, in document order like `appendChildren`'s): the nearest `openingTag` before the anchor, which
 * `feed` writes without attributes.
 */
export function addOpeningTagAttributes(
  xml: string,
  openingTag: string,
  additions: ReadonlyArray<{ anchor: string; attributes: Record<string, string | undefined> }>,
): string {
  const pieces: string[] = [];
  let copied = 0;
  for (const { anchor, attributes } of additions) {
    const written = Object.entries(attributes)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]) => ` ${name}="${escapeXmlAttribute(value)}"`)
      .join('');
    if (!written) continue;
    const at = xml.indexOf(anchor, copied);
    const open = at < 0 ? -1 : xml.lastIndexOf(openingTag, at);
    if (open < copied) throw new Error(`cannot find ${openingTag} before a slot marker in the feed XML`);
    const end = open + openingTag.length - 1; // the '>' of the opening tag
    pieces.push(xml.slice(copied, end), written);
    copied = end;
  }
  pieces.push(xml.slice(copied));
  return pieces.join('');
}
