import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ApiTokens {
  tokens: string[];
  /** The file the token is kept in, when it is not configured (SYNDICARD_API_TOKENS). */
  file?: string;
  /** True only on the start that generated it: the one time the banner prints the token itself. */
  generated: boolean;
}

/**
 * Tokens from configuration win. Without any, one token is generated on first start and kept in
 * `<dataDir>/api-token` (mode 0600), so the embedded default is usable and stays stable across restarts.
 */
export async function resolveApiTokens(configured: readonly string[], dataDir: string): Promise<ApiTokens> {
  if (configured.length > 0) return { tokens: [...configured], generated: false };
  const file = join(dataDir, 'api-token');
  try {
    const token = (await readFile(file, 'utf8')).trim();
    if (token.length >= 16) return { tokens: [token], file, generated: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = randomBytes(24).toString('base64url');
  // 'wx' so two processes starting at once cannot both write a different token.
  const written = await writeFile(file, `${token}\n`, { mode: 0o600, flag: 'wx' }).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
      return false;
    },
  );
  return { tokens: [(await readFile(file, 'utf8')).trim()], file, generated: written };
}
