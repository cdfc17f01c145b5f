import { readFile } from 'node:fs/promises';
// By file, not through articles/index.js (which loads both stores): `syndicard card` reads the site and no store.
import { parseSite, type Site } from '../articles/record/site.js';
import { AppError } from '../errors.js';

/** The site settings file named by SYNDICARD_SITE, or embedded defaults naming the service itself. */
export async function loadSite(path: string | undefined, baseUrl: string): Promise<Site> {
  if (!path) {
    return parseSite({
      name: 'syndicard demo',
      url: `${baseUrl}/`,
      description: 'Feeds and social cards served by syndicard',
      language: 'en',
    });
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new AppError(
      'INVALID_CONFIG',
      `site settings file ${path} (SYNDICARD_SITE) could not be read: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppError(
      'INVALID_CONFIG',
      `site settings file ${path} (SYNDICARD_SITE) is not valid JSON: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  return parseSite(json, `site settings file ${path} (SYNDICARD_SITE)`);
}
