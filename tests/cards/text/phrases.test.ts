import { describe, expect, it } from 'vitest';
import { prepareText } from '../../../src/cards/index.js';
import { japanesePhrases } from '../../../src/cards/text/phrases.js';

describe('japanesePhrases (BudouX’s Japanese model)', () => {
  it('chunks a headline into phrases, punctuation kept with the phrase before and opening brackets after', () => {
    expect(japanesePhrases('東京都知事選、投票率は過去最高に。「若者の関心」高まる')).toEqual([
      '東京都知事選、',
      '投票率は',
      '過去最高に。',
      '「若者の',
      '関心」',
      '高まる',
    ]);
  });

  it('cuts after spaces too, which stay at the end of their chunk, and loses nothing', () => {
    const text = 'Apple が iPhone 16 を 発表、予約は 9月13日 から';
    const phrases = japanesePhrases(text);
    expect(phrases.join('')).toBe(text);
    for (const phrase of phrases) expect(phrase).not.toMatch(/ \S/);
    expect(phrases).toContain('iPhone ');
  });
});

describe('prepareText phrases', () => {
  it('are given for Japanese only, and join to the prepared text', () => {
    const prepared = prepareText('大谷翔平、今季50本塁打を達成　ドジャース');
    expect(prepared.language).toBe('ja');
    expect(prepared.phrases?.join('')).toBe(prepared.text);
    expect(prepared.phrases!.length).toBeGreaterThan(2);
    expect(prepareText('東京都知事選', 'ja').phrases).toEqual(japanesePhrases('東京都知事選'));
    expect(prepareText('东京奥运会开幕式今晚举行').phrases).toBeUndefined();
    expect(prepareText('서울시 새 교통 정책 발표').phrases).toBeUndefined();
  });
});
