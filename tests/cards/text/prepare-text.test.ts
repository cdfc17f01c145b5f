import { describe, expect, it } from 'vitest';
import { isLanguageTag, prepareText } from '../../../src/cards/index.js';

const ZWSP = '\u200b';

describe('prepareText without a language: detected from the text', () => {
  it.each([
    ['Fans go wild as United win the cup', 'ltr', 'en', 'latn'],
    ['Việt Nam đạt tăng trưởng kinh tế cao nhất khu vực', 'ltr', 'vi', 'latn'],
    ['Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ακρίβεια', 'ltr', 'el', 'grek'],
    ['Правительство объявило о новых мерах поддержки', 'ltr', 'ru', 'cyrl'],
    ['الحكومة تعلن خطة جديدة لدعم الاقتصاد', 'rtl', 'ar', 'arab'],
    ['دولت برنامه جدیدی برای اقتصاد اعلام کرد', 'rtl', 'fa', 'arab'],
    ['حکومت نے معیشت کے لیے نیا منصوبہ پیش کر دیا', 'rtl', 'ur', 'arab'],
    ['הממשלה הודיעה על תוכנית חדשה', 'rtl', 'he', 'hebr'],
    ['सरकार ने नई आर्थिक योजना की घोषणा की', 'ltr', 'hi', 'deva'],
    ['সরকার নতুন অর্থনৈতিক পরিকল্পনা ঘোষণা করেছে', 'ltr', 'bn', 'beng'],
    ['அரசு புதிய பொருளாதார திட்டத்தை அறிவித்தது', 'ltr', 'ta', 'taml'],
    ['รัฐบาลประกาศมาตรการกระตุ้นเศรษฐกิจใหม่', 'ltr', 'th', 'thai'],
    ['东京奥运会开幕式今晚举行，这是我们的时刻', 'ltr', 'zh-Hans', 'hani'],
    ['東京奧運會開幕式今晚舉行，這是我們的時刻', 'ltr', 'zh-Hant', 'hani'],
    ['東京都知事選、投票率は過去最高に', 'ltr', 'ja', 'jpan'],
    ['서울시, 새 교통 정책 발표', 'ltr', 'ko', 'kore'],
    ['2024', 'ltr', 'und', 'zyyy'],
  ])('%s → %s, %s, %s', (text, direction, language, script) => {
    const prepared = prepareText(text);
    expect({ direction: prepared.direction, language: prepared.language, script: prepared.script }).toEqual({
      direction,
      language,
      script,
    });
  });

  it('takes the direction from the first strong character (UAX #9 P2), skipping isolates (P2’s exception)', () => {
    expect(prepareText('Apple משיקה את iPhone 16 בישראל').direction).toBe('ltr');
    expect(prepareText('2024: הממשלה הודיעה').direction).toBe('rtl');
    expect(prepareText('\u2067שלום\u2069 world').direction).toBe('ltr');
  });

  it('counts letters for the script: a Hebrew line with one English brand is Hebrew', () => {
    expect(prepareText('Apple משיקה את המכשיר החדש בישראל').script).toBe('hebr');
  });
});

describe('prepareText with a language', () => {
  it('keeps it in canonical case and takes the direction from it', () => {
    expect(prepareText('Apple משיקה את iPhone 16 בישראל', 'he')).toMatchObject({ language: 'he', direction: 'rtl' });
    expect(prepareText('Headline', 'EN-gb')).toMatchObject({ language: 'en-GB', direction: 'ltr' });
    expect(prepareText('הממשלה הודיעה', 'iw')).toMatchObject({ language: 'he', direction: 'rtl' });
  });

  it('lays a headline with no strong character of the language’s direction out by its own (a mistagged record)', () => {
    expect(prepareText('Markets rally after the vote', 'ar').direction).toBe('ltr');
    expect(prepareText('הממשלה הודיעה', 'en').direction).toBe('rtl');
  });

  it('decides the script of Han-only text by the language', () => {
    expect(prepareText('東京都知事選', 'ja').script).toBe('jpan');
    expect(prepareText('東京都知事選', 'zh-TW').script).toBe('hani');
    expect(prepareText('大韓民國', 'ko')).toMatchObject({ script: 'kore', wordBreak: 'keep-all' });
  });

  it('ignores a value that is not a language tag and detects instead', () => {
    expect(prepareText('الحكومة تعلن خطة جديدة', 'zh_TW')).toMatchObject({ language: 'ar', direction: 'rtl' });
  });
});

describe('prepareText line breaking', () => {
  it('puts U+200B between Thai words (ICU’s dictionary), and nothing else changes', () => {
    const raw = 'นายกรัฐมนตรีประกาศมาตรการกระตุ้นเศรษฐกิจใหม่ วันนี้';
    const { text } = prepareText(raw, 'th');
    expect(text.replaceAll(ZWSP, '')).toBe(raw);
    expect(text.split(/[\u200b ]/)).toEqual(expect.arrayContaining(['นายก', 'รัฐมนตรี', 'ประกาศ', 'มาตรการ']));
    expect(text).not.toContain(`${ZWSP} `);
  });

  it('never breaks before Thai MAIYAMOK (ๆ), which cannot start a line', () => {
    expect(prepareText('เด็กๆ เล่นกันสนุกมากๆ').text).not.toMatch(/\u200b\u0e46/);
  });

  it.each([
    ['lo', 'ລັດຖະບານລາວປະກາດນະໂຍບາຍໃໝ່'],
    ['km', 'រដ្ឋាភិបាលកម្ពុជាប្រកាសគោលនយោបាយថ្មី'],
    ['my', 'မြန်မာနိုင်ငံအစိုးရကမူဝါဒအသစ်ကြေညာ'],
  ])('breaks %s between words too', (language, raw) => {
    const { text } = prepareText(raw, language);
    expect(text.replaceAll(ZWSP, '')).toBe(raw);
    expect(text.split(ZWSP).length).toBeGreaterThan(2);
  });

  it('keeps Korean words whole (keep-all) and leaves other scripts’ text as given', () => {
    expect(prepareText('서울시, 새 교통 정책 발표').wordBreak).toBe('keep-all');
    for (const raw of [
      'Fans go wild 🎉🔥 as United win',
      'सरकार ने नई योजना की घोषणा की',
      '東京都知事選、投票率は過去最高に',
    ]) {
      expect(prepareText(raw)).toMatchObject({ text: raw, wordBreak: 'normal' });
    }
  });

  it('marks a Hebrew line for satori’s bidi and keeps it otherwise as given', () => {
    expect(prepareText('המניה עלתה ב-12% אחרי הדוחות').text).toBe('המניה עלתה ב-12%\u200e אחרי הדוחות');
  });
});

describe('isLanguageTag', () => {
  it.each([
    ['en', true],
    ['zh-Hant-TW', true],
    ['ar-EG', true],
    ['zh_TW', false],
    ['en-', false],
    ['x', false],
    ['', false],
    ['en US', false],
  ])('%j → %s', (tag, ok) => {
    expect(isLanguageTag(tag)).toBe(ok);
  });
});
