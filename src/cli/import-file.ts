import { type Article, jsonDepthOver, MAX_JSON_DEPTH, parseArticle } from '../articles/index.js';
import type { ErrorIssue } from '../errors.js';
import { AppError } from '../errors.js';

export interface ParsedRecord {
  line: number;
  article: Article;
}

export interface RejectedRecord {
  line: number;
  message: string;
  issues: ErrorIssue[];
}

export interface ParsedImport {
  records: ParsedRecord[];
  rejected: RejectedRecord[];
}

/**
 * Splits an import file into records and validates each, remembering the line it starts on so a newsroom can find
 * a bad record in a 10,000-line export. NDJSON: one record a line. JSON: one object, or an array of objects.
 */
export function parseImport(
  text: string,
  format: 'json' | 'ndjson',
  onProgress?: (done: number, total: number) => void,
): ParsedImport {
  const chunks = format === 'ndjson' ? ndjsonChunks(text) : jsonChunks(text);
  const out: ParsedImport = { records: [], rejected: [] };
  for (const [index, chunk] of chunks.entries()) {
    onProgress?.(index, chunks.length);
    if ('error' in chunk) {
      out.rejected.push({ line: chunk.line, message: chunk.error, issues: [] });
      continue;
    }
    try {
      out.records.push({ line: chunk.line, article: parseArticle(chunk.value) });
    } catch (err) {
      const issues = err instanceof AppError ? (err.issues ?? []) : [];
      out.rejected.push({ line: chunk.line, message: (err as Error).message, issues });
    }
  }
  return out;
}

type Chunk = { line: number; value: unknown } | { line: number; error: string };

function ndjsonChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    if (jsonDepthOver(raw, MAX_JSON_DEPTH)) {
      chunks.push({ line: index + 1, error: `nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep` });
      return;
    }
    try {
      chunks.push({ line: index + 1, value: JSON.parse(raw) });
    } catch (err) {
      chunks.push({ line: index + 1, error: `not valid JSON: ${(err as Error).message}` });
    }
  });
  return chunks;
}

function jsonChunks(text: string): Chunk[] {
  let value: unknown;
  // One level more for the array around the records.
  if (jsonDepthOver(text, MAX_JSON_DEPTH + 1)) {
    return [{ line: 1, error: `the file nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep` }];
  }
  try {
    value = JSON.parse(text);
  } catch (err) {
    return [{ line: 1, error: `the file is not valid JSON: ${(err as Error).message}` }];
  }
  if (!Array.isArray(value)) return [{ line: firstLine(text), value }];
  const lines = elementLines(text);
  return value.map((item, index) => ({ line: lines[index] ?? 1, value: item }));
}

function firstLine(text: string): number {
  const offset = text.search(/\S/);
  return offset < 0 ? 1 : lineAt(text, offset);
}

/** The line on which each top-level element of a JSON array starts (the text is known to be valid JSON). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let inString = false;
  let line = 1;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === 1 && expectElement && ch !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
