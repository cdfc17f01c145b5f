import { describe, expect, it } from 'vitest';
import { creditLabel, creditLine, hasCreditLabel } from '../../src/articles/index.js';

describe('creditLine', () => {
  it.each([
    ['Photo by Shutterstock', undefined, 'Credit: Photo by Shutterstock'],
    ['Credit: AP', undefined, 'Credit: AP'],
    ['credits: Reuters/Getty', undefined, 'credits: Reuters/Getty'],
    ['  PA \n Wire ', undefined, 'Credit: PA Wire'],
    ['', 'en', undefined],
    [undefined, 'he', undefined],
    ['AP', 'en-GB', 'Credit: AP'],
    ['رويترز', 'ar', 'تصوير: رويترز'],
    ['ایرنا', 'fa', 'عکس: ایرنا'],
    ['اے ایف پی', 'ur', 'تصویر: اے ایف پی'],
    ['רויטרס', 'he', 'צילום: רויטרס'],
    ['एएनआई', 'hi', 'फोटो: एएनआई'],
    ['पीटीआई', 'mr', 'फोटो: पीटीआई'],
    ['कान्तिपुर', 'ne', 'तस्बिर: कान्तिपुर'],
    ['প্রথম আলো', 'bn', 'ছবি: প্রথম আলো'],
    ['ஏஎஃப்பி', 'ta', 'படம்: ஏஎஃப்பி'],
    ['รอยเตอร์', 'th', 'ภาพ: รอยเตอร์'],
    ['新华社', 'zh-CN', '图片来源：新华社'],
    ['新华社', 'zh', '图片来源：新华社'],
    ['中央社', 'zh-TW', '圖片來源：中央社'],
    ['美聯社', 'zh-HK', '圖片來源：美聯社'],
    ['ロイター', 'ja', '写真：ロイター'],
    ['연합뉴스', 'ko', '사진: 연합뉴스'],
    ['Reuters', 'vi', 'Ảnh: Reuters'],
    ['Reuters', 'el', 'Φωτογραφία: Reuters'],
    ['ТАСС', 'ru', 'Фото: ТАСС'],
    ['AP', 'sw', 'Credit: AP'],
  ])('%j in %s → %j', (credit, language, expected) => {
    expect(creditLine(credit, language)).toBe(expected);
  });

  it.each([
    ['Credit: AP', 'he'],
    ['Photo: AP', 'ar'],
    ['צילום: רויטרס', 'en'],
    ['תצלום: פלוני', 'he'],
    ['تصوير: رويترز', 'ja'],
    ['الصورة: أ ف ب', 'ar'],
    ['عکس: ایرنا', 'fa'],
    ['फ़ोटो: एएनआई', 'hi'],
    ['ছবি: প্রথম আলো', 'bn'],
    ['படம்: ஏஎஃப்பி', 'ta'],
    ['ภาพ: รอยเตอร์', 'th'],
    ['图片来源：新华社', 'zh-CN'],
    ['圖／中央社', 'zh-TW'],
    ['写真：ロイター', 'ja'],
    ['写真: ロイター', 'en'],
    ['사진=연합뉴스', 'ko'],
    ['Ảnh: Reuters', 'vi'],
    ['Φωτ.: Reuters', 'el'],
    ['Фото: ТАСС', 'ru'],
    ['Llun: “Ffotograffydd” & Co', 'cy'],
  ])('leaves %j alone (already labelled) in %s', (credit, language) => {
    expect(creditLine(credit, language)).toBe(credit);
  });

  it('never reshapes digits or changes the name', () => {
    expect(creditLine('AP 2024 / 12', 'ar')).toBe('تصوير: AP 2024 / 12');
    expect(creditLine('Photo by Studio 54', 'fa')).toBe('عکس: Photo by Studio 54');
  });
});

describe('creditLabel and hasCreditLabel', () => {
  it('falls back to English for an unknown language or a value that is not a tag', () => {
    expect(creditLabel('xx')).toBe('Credit: ');
    expect(creditLabel('zh_TW')).toBe('Credit: ');
    expect(creditLabel(undefined)).toBe('Credit: ');
  });

  it('does not take a credit that merely begins with a label word for a labelled one', () => {
    expect(hasCreditLabel('Photo by Shutterstock')).toBe(false);
    expect(hasCreditLabel('Fotografía de Reuters')).toBe(false);
    expect(hasCreditLabel('写真家 山田')).toBe(false);
  });
});
