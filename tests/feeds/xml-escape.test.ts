import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, escapeXmlText, renderCdata } from '../../src/feeds/writers/xml.js';

/** The escaping as first written, one replace per character (XML 1.0 sections 2.4, 2.11, 3.3.3): the oracle. */
const byReplaces = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
const attributeByReplaces = (value: string) =>
  byReplaces(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');

describe('XML escaping (src/feeds/writers/xml.ts)', () => {
  it('escapes element text: & < > and CR, and nothing else', () => {
    expect(escapeXmlText('Tom & Jerry <b>"live"</b> ]]> \r\n\t\'')).toBe(
      'Tom &amp; Jerry &lt;b&gt;"live"&lt;/b&gt; ]]&gt; &#13;\n\t\'',
    );
    expect(escapeXmlText('nothing to do, ünïcödé 日本')).toBe('nothing to do, ünïcödé 日本');
    expect(escapeXmlText('&amp;')).toBe('&amp;amp;');
  });

  it('escapes attribute values: also the quote, tab and LF (attribute-value normalisation)', () => {
    expect(escapeXmlAttribute('a "b" & <c>\t\n\r')).toBe('a &quot;b&quot; &amp; &lt;c&gt;&#9;&#10;&#13;');
    expect(escapeXmlAttribute("it's fine")).toBe("it's fine");
  });

  it('gives what one replace per character gave, on random text full of specials', () => {
    const alphabet = ['&', '<', '>', '"', "'", '\r', '\n', '\t', ']', 'a', 'é', '😀', ' '];
    let state = 7;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    for (let n = 0; n < 500; n++) {
      const text = Array.from(
        { length: Math.floor(next() * 40) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join('');
      expect(escapeXmlText(text)).toBe(byReplaces(text));
      expect(escapeXmlAttribute(text)).toBe(attributeByReplaces(text));
    }
  });

  it('splits every ]]> across two CDATA sections, and escapes text with a CR instead', () => {
    expect(renderCdata('a]]>b]]>c')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]>');
    expect(renderCdata('a\r<b>')).toBe('a&#13;&lt;b&gt;');
  });
});
