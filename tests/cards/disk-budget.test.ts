import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiskBudget } from '../../src/cards/cache/disk-budget.js';

let dir: string;
const log = { warn: () => {} };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syndicard-budget-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, bytes: number, ageSeconds = 0): string {
  mkdirSync(join(dir, name.slice(0, 2)), { recursive: true });
  const path = join(dir, name.slice(0, 2), name);
  writeFileSync(path, Buffer.alloc(bytes));
  const at = new Date(Date.now() - ageSeconds * 1000);
  utimesSync(path, at, at);
  return path;
}
const remaining = () =>
  readdirSync(dir, { recursive: true })
    .filter((name) => String(name).includes('.'))
    .map((n) => String(n).slice(3))
    .sort();

describe('createDiskBudget', () => {
  it('finds what is already on disk and trims it, oldest first, to 90 % of the budget', async () => {
    file('aa1.png', 400, 300);
    file('bb2.png', 400, 200);
    file('cc3.png', 400, 100);
    const budget = createDiskBudget({ dir, maxBytes: 1000, log });
    expect(await budget.total()).toBe(800);
    expect(remaining()).toEqual(['bb2.png', 'cc3.png']);
  });

  it('removes the least recently used card when a write passes the budget', async () => {
    const a = file('aa1.png', 300, 300);
    file('bb2.png', 300, 200);
    const budget = createDiskBudget({ dir, maxBytes: 1000, log });
    await budget.total();
    budget.used(a); // a read makes the oldest file the newest
    await budget.added(file('cc3.png', 300), 300);
    expect(remaining()).toEqual(['aa1.png', 'bb2.png', 'cc3.png']);
    await budget.added(file('dd4.png', 300), 300);
    expect(remaining()).toEqual(['aa1.png', 'cc3.png', 'dd4.png']);
    expect(await budget.total()).toBe(900);
  });

  it('counts a rewritten file once', async () => {
    const budget = createDiskBudget({ dir, maxBytes: 1000, log });
    const path = file('aa1.png', 500);
    await budget.added(path, 500);
    await budget.added(path, 500);
    expect(await budget.total()).toBe(500);
  });
});
