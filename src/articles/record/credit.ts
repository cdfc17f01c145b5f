import { boundedMemo } from './bounded-memo.js';

/**
 * The photo credit as printed, with its label in the reader's language: one rule for cards and feeds.
 *
 * The labels are the words newsrooms print before an agency or photographer's name in captions, taken from the
 * caption style of the leading outlets in each language as read on their pages: "Credit:" is this publisher's own
 * house style (its pages print "(Credit: Photo by Shutterstock)"); Arabic papers print "تصوير:", Persian "عکس:", Urdu
 * "تصویر:", Hebrew "צילום:", Hindi and Marathi "फोटो:", Nepali "तस्बिर:", Bengali "ছবি:", Tamil "படம்:", Thai "ภาพ:",
 * Chinese online media "图片来源：" / "圖片來源：", Japanese "写真：", Korean "사진:", Vietnamese "Ảnh:", Greek
 * "Φωτογραφία:", Russian and Ukrainian "Фото:". Chinese and Japanese take the full-width colon with no space (JIS X
 * 4051, and the GB/T 15834 punctuation rules), the others ": ".
 *
 * Digits and names are never rewritten: the credit is the publisher's text, only the label is added.
 */
const LABELS: Readonly<Record<string, string>> = {
  en: 'Credit: ',
  ar: 'تصوير: ',
  fa: 'عکس: ',
  ur: 'تصویر: ',
  he: 'צילום: ',
  hi: 'फोटो: ',
  mr: 'फोटो: ',
  ne: 'तस्बिर: ',
  bn: 'ছবি: ',
  ta: 'படம்: ',
  th: 'ภาพ: ',
  'zh-Hans': '图片来源：',
  'zh-Hant': '圖片來源：',
  ja: '写真：',
  ko: '사진: ',
  vi: 'Ảnh: ',
  el: 'Φωτογραφία: ',
  ru: 'Фото: ',
  uk: 'Фото: ',
  cy: 'Llun: ',
  fr: 'Photo\u00a0: ',
  de: 'Foto: ',
  es: 'Foto: ',
  it: 'Foto: ',
  pt: 'Foto: ',
  nl: 'Foto: ',
  tr: 'Fotoğraf: ',
  id: 'Foto: ',
};

/**
 * Words that already make a credit a labelled one, in any of the languages above and the usual variants (Arabic
 * "الصورة", Persian "تصویر", Hebrew "תצלום", Hindi "फ़ोटो", Chinese "图" / "圖" / "摄影" / "攝影", Greek "Φωτ.", …),
 * when followed by a colon (ASCII or full-width), a Korean "=", or a Chinese "/" or "／". "Credit…" at the start counts
 * without a colon, as it always did here ("Credits Reuters/Getty"). "Photo by X" is the credit itself, not a label.
 */
const LABEL_WORDS = [
  'credits?',
  'photo(?:graph)?s?',
  'pictures?',
  'images?',
  'foto(?:s|grafie|grafía|grafia|ğraf)?',
  'fot\\.',
  'llun',
  'تصوير',
  'الصورة',
  'صورة',
  'عکس',
  'تصویر',
  'צילום',
  'צילומים',
  'תצלום',
  'फोटो',
  'फ़ोटो',
  'तस्वीर',
  'तस्बिर',
  'छायाचित्र',
  'ছবি',
  'আলোকচিত্র',
  'படம்',
  'புகைப்படம்',
  'ภาพ',
  'ภาพโดย',
  '图片来源',
  '圖片來源',
  '图片',
  '圖片',
  '图',
  '圖',
  '摄影',
  '攝影',
  '写真',
  '사진',
  'ảnh',
  'φωτογραφία',
  'φωτογραφίες',
  'φωτ\\.',
  'фото',
];
const LABELLED = new RegExp(`^(?:credit|(?:${LABEL_WORDS.join('|')})\\s*(?:[:：=／/]))`, 'iu');

/** Runs of whitespace become one space (a record's line breaks never reach a card or a caption). */
function collapseSpaces(text: string): string {
  return text.replace(/[\t\n\r\f\v ]+/g, ' ').trim();
}

/** The label for a BCP 47 language: its own, its script's for Chinese, its primary language's, else English. */
export function creditLabel(language: string | undefined): string {
  return language ? labelByTag(language) : LABELS.en!;
}

/** Labels by language tag as given: parsing the tag (Intl.Locale) was a visible share of storing an article. */
const labelByTag = boundedMemo(labelFor, 1000);

function labelFor(language: string): string {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(language);
  } catch {
    return LABELS.en!;
  }
  if (locale.language === 'zh') {
    // zh-TW, zh-HK, zh-MO and zh-Hant write Traditional characters (CLDR likely subtags).
    return locale.maximize().script === 'Hant' ? LABELS['zh-Hant']! : LABELS['zh-Hans']!;
  }
  return LABELS[locale.language] ?? LABELS.en!;
}

/** Whether the credit already starts with a label, in any of the known languages. */
export function hasCreditLabel(credit: string): boolean {
  return LABELLED.test(credit.trim());
}

/**
 * The credit line as printed: `Credit: AP` in English, `צילום: AP` in Hebrew, `写真：ロイター` in Japanese; left as it
 * is when it already carries a label ("Credit: AP", "Фото: ТАСС", "사진=연합뉴스"). Undefined for an empty credit.
 */
export function creditLine(credit: string | undefined, language?: string): string | undefined {
  const text = collapseSpaces(credit ?? '');
  if (!text) return undefined;
  return hasCreditLabel(text) ? text : `${creditLabel(language)}${text}`;
}
