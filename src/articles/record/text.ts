/**
 * Characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): C0 controls other than tab, LF and CR,
 * lone UTF-16 surrogates, U+FFFE and U+FFFF. They are the only characters we ever drop from a publisher's text:
 * one of them in a feed makes the whole document unparsable for strict readers.
 */
const XML_ILLEGAL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

export function stripXmlIllegal(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/** Applies `stripXmlIllegal` to every string (and object key) in a JSON-like value, leaving everything else as is. */
export function cleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return stripXmlIllegal(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty, not assignment: a "__proto__" key in hostile JSON must stay an own property, never a prototype.
      Object.defineProperty(out, stripXmlIllegal(key), {
        value: cleanStrings(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
