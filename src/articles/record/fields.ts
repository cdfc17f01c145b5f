import { z } from 'zod';

/** Reusable field validators shared by the article record and the site settings. */

export const MAX_URL_LENGTH = 2048;

/** An absolute http(s) URL; `feed` throws at render time on anything else, so we refuse it at the door. */
export const httpUrl = z
  .string()
  .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be an absolute http(s) URL, got "${preview(value)}"` });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `must use http or https, got "${url.protocol}"` });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'must not carry a user name or password' });
    }
  });

/** Text that must say something: not empty and not only white space. */
export function text(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.trim().length > 0, 'must not be empty');
}

/** A BCP 47 language tag (`en-GB`), validated by the platform's own Intl implementation. */
export const languageTag = z.string().superRefine((value, ctx) => {
  try {
    if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(value)) throw new RangeError('bad shape');
    Intl.getCanonicalLocales(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `must be a BCP 47 language tag such as "en-GB", got "${preview(value)}"` });
  }
});

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** The instants every consumer can write: `Date`, RFC 822 in RSS, four-digit years in Atom and JSON Feed. */
const EARLIEST_MS = Date.parse('0001-01-01T00:00:00Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * An RFC 3339 date-time with an explicit offset (section 5.6). The calendar date must exist: `Date` would
 * silently roll 2023-02-30 over to 2 March, so we check each field ourselves. The instant must also be one that
 * everything downstream can represent; such values are refused (422 naming the field), never rewritten, because
 * the record is kept exactly as the newsroom sent it:
 * - a leap second (`23:59:60`, which RFC 3339 allows): JavaScript's `Date`, and so the store's ordering and every
 *   feed date, cannot hold one; the message says to send `:59`;
 * - an instant before 0001-01-01T00:00:00Z or after 9999-12-31T23:59:59Z once its offset is applied
 *   (`0000-01-01T00:00:00+01:00` is in year -1, `9999-12-31T23:59:59-01:00` in 10000): feeds need a four-digit
 *   year, and the item id carries the date.
 */
export const dateTime = z.string().superRefine((value, ctx) => {
  const match = RFC3339.exec(value);
  const problem = match
    ? (impossibleDate(match) ?? unrepresentable(value))
    : 'must be an RFC 3339 date-time with an offset';
  if (problem) ctx.addIssue({ code: 'custom', message: `${problem}, got "${preview(value)}"` });
});

function impossibleDate(match: RegExpExecArray): string | undefined {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  if (month! < 1 || month! > 12) return 'has no such month';
  if (day! < 1 || day! > daysInMonth(year!, month!)) return 'has no such day';
  if (hour! > 23 || minute! > 59 || second! > 60) return 'has no such time of day';
  const offsetHours = match[9] === undefined ? 0 : Number(match[9]);
  if (offsetHours > 23 || Number(match[10] ?? 0) > 59) return 'has an impossible offset';
  return undefined;
}

/** Proleptic Gregorian, as RFC 3339 uses (Date.UTC would read years 0–99 as 1900–1999). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function unrepresentable(value: string): string | undefined {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    return /:60(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value)
      ? 'is a leap second, which cannot be stored; send the same time with :59'
      : 'is not a point in time this service can represent';
  }
  if (ms < EARLIEST_MS || ms > LATEST_MS) {
    return 'must fall between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z once its offset is applied';
  }
  return undefined;
}

/** A value shortened for an error message, so a hostile 1 MB string does not end up in logs and responses. */
export function preview(value: string, max = 80): string {
  return value.length <= max ? value : `${value.slice(0, max)}…`;
}
