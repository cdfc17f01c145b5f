import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFailureTally } from '../../src/http/middleware/failure-tally.js';

describe('failure tally', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs the first failure at once, then one line with counts per interval, then nothing while quiet', () => {
    const lines: { obj: { counts?: Record<string, number> }; msg?: string }[] = [];
    const tally = createFailureTally({ warn: (obj, msg) => lines.push({ obj, msg }) }, 1000, 'refused');
    tally.note('CARD_QUEUE_FULL', { path: '/cards/a.png' });
    for (let i = 0; i < 500; i++) tally.note(i % 5 === 0 ? 'CARD_RENDER_FAILED' : 'CARD_QUEUE_FULL');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ obj: { counts: { CARD_QUEUE_FULL: 1 }, path: '/cards/a.png' }, msg: 'refused' });
    vi.advanceTimersByTime(1000);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.obj.counts).toEqual({ CARD_QUEUE_FULL: 400, CARD_RENDER_FAILED: 100 });
    vi.advanceTimersByTime(5000);
    expect(lines).toHaveLength(2);
    tally.note('CARD_QUEUE_FULL');
    expect(lines).toHaveLength(3);
  });
});
