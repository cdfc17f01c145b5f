/**
 * The deepest nesting of arrays and objects in a JSON text, found by scanning the raw characters (strings
 * skipped), so a hostile body nested 100,000 levels deep is refused before JSON.parse or any recursive walk of the
 * parsed value (cleanStrings, zod) can overflow the stack. Stops counting as soon as `limit` is passed.
 */
export function jsonDepthOver(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: the next character is escaped
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limit) return true;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return false;
}

/** An article record is at most five levels deep (record → images → image); 64 leaves room for what a CMS adds. */
export const MAX_JSON_DEPTH = 64;
