/**
 * `feed` serialises with xml-js 1.6.11, which does not escape `&` or `<` in attribute values, splits only the first
 * `]]>` of a CDATA section and passes control characters through (see docs/DEPENDENCY-NOTES.md). Instead of hoping
 * publisher text survives that, no publisher text goes through it at all: `feed` receives opaque slot markers,
 * and `fill` puts each value back into the finished XML, escaped for the place the marker landed in.
 *
 * A marker is U+0001, a number and U+0002. Those control characters are illegal in XML 1.0, so nothing else in
 * `feed`'s output can contain them (URLs are percent-encoded by the URL parser, and we strip them from text), and
 * `fill` fails loudly if one is left over.
 */

export interface SlotOptions {
  /**
   * Plain text that `feed` puts in `type="html"` CDATA (Atom `title`, `summary`): the element becomes
   * `type="text"` with escaped text, so readers show `<` and `&` as written instead of parsing them as HTML.
   */
  plainText?: boolean;
}

export interface XmlSlots {
  /** A marker to hand to `feed` in place of `value`. */
  slot(value: string, options?: SlotOptions): string;
  /** Replaces every marker in `xml` with its escaped value. */
  fill(xml: string): string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the markers are control characters by design (see above)
const MARKER = /(type="html">)?(<!\[CDATA\[)?\u0001(\d+)\u0002(\]\]>)?/g;

export function createXmlSlots(): XmlSlots {
  const values: Array<{ value: string; plainText: boolean }> = [];
  return {
    slot(value, options = {}) {
      values.push({ value, plainText: options.plainText ?? false });
      return `\u0001${values.length - 1}\u0002`;
    },
    fill(xml) {
      const out = xml.replace(
        MARKER,
        (
          match,
          typeHtml: string | undefined,
          open: string | undefined,
          index: string,
          close: string | undefined,
          offset: number,
        ) => {
          const entry = values[Number(index)];
          if (!entry) throw new Error(`feed XML holds slot ${index}, but only ${values.length} were handed out`);
          const inCdata = open !== undefined && close !== undefined;
          if (inCdata && typeHtml && entry.plainText) return `type="text">${escapeXmlText(entry.value)}`;
          if (inCdata) return `${typeHtml ?? ''}${renderCdata(entry.value)}`;
          if (open || close) throw new Error(`slot ${index} sits in a half CDATA section: ${match}`);
          const inAttribute = xml[offset - 1] === '"';
          return `${typeHtml ?? ''}${inAttribute ? escapeXmlAttribute(entry.value) : escapeXmlText(entry.value)}`;
        },
      );
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looks for a marker that was not replaced
      if (/[\u0001\u0002]/.test(out)) throw new Error('feed XML still holds a slot marker after filling');
      return out;
    },
  };
}

/**
 * Element content: `&` and `<` must be escaped, `>` too after `]]` (XML 1.0 section 2.4); a CR is written as a
 * character reference so the parser's line-end normalisation (section 2.11) does not turn it into LF.
 */
export function escapeXmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** A double-quoted attribute value; tab, LF and CR as references because attribute normalisation (section 3.3.3) would turn them into spaces. */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/**
 * Character data for where `feed` used CDATA. A CDATA section may not contain `]]>`: each one is split across two
 * sections (XML 1.0 section 2.7). A CR cannot survive in CDATA (line-end normalisation), so such text is escaped.
 */
export function renderCdata(value: string): string {
  if (value.includes('\r')) return escapeXmlText(value);
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
