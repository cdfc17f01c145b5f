import { describe, expect, it } from 'vitest';
import { ogLocale } from '../../src/http/og-locale.js';

describe('ogLocale: Facebook’s locale list', () => {
  it.each([
    ['en-GB', 'en_GB'],
    ['en', 'en_US'],
    ['en-AU', 'en_US'],
    ['ar', 'ar_AR'],
    ['ar-EG', 'ar_AR'],
    ['fa', 'fa_IR'],
    ['ur', 'ur_PK'],
    ['he', 'he_IL'],
    ['iw', 'he_IL'],
    ['hi', 'hi_IN'],
    ['mr', 'mr_IN'],
    ['ne', 'ne_NP'],
    ['bn', 'bn_IN'],
    ['bn-BD', 'bn_IN'],
    ['ta', 'ta_IN'],
    ['th', 'th_TH'],
    ['zh', 'zh_CN'],
    ['zh-CN', 'zh_CN'],
    ['zh-Hans', 'zh_CN'],
    ['zh-TW', 'zh_TW'],
    ['zh-Hant', 'zh_TW'],
    ['zh-HK', 'zh_HK'],
    ['zh-Hant-HK', 'zh_HK'],
    ['ja', 'ja_JP'],
    ['ko', 'ko_KR'],
    ['vi', 'vi_VN'],
    ['el', 'el_GR'],
    ['ru', 'ru_RU'],
    ['cy', 'cy_GB'],
    ['es', 'es_LA'],
    ['es-ES', 'es_ES'],
    ['es-MX', 'es_LA'],
    ['pt', 'pt_BR'],
    ['pt-PT', 'pt_PT'],
    ['fr-CA', 'fr_CA'],
    ['fr-BE', 'fr_FR'],
    ['de-AT', 'de_DE'],
  ])('%s → %s', (language, locale) => {
    expect(ogLocale(language)).toBe(locale);
  });

  it('writes language_TERRITORY for a language Facebook does not list', () => {
    expect(ogLocale('lo')).toBe('lo_LA');
    expect(ogLocale('haw')).toMatch(/^haw_[A-Z]{2}$/);
  });
});
