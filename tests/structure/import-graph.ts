import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository's root, and the source tree the structure tests read. */
export const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

export interface Import {
  /** Importing file, relative to the root (`src/cards/card-service.ts`). */
  from: string;
  /** Imported file, relative to the root, as a .ts path (`src/cards/photo/index.ts`). */
  to: string;
  /** `import type` / `export type`: erased at run time, so it loads nothing. */
  typeOnly: boolean;
}

export function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
    })
    .sort();
}

// Static imports and re-exports (`import … from`, `export … from`, side-effect `import '…'`) and import('…').
const STATIC = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'(\.{1,2}\/[^']+)'/gm;
const DYNAMIC = /\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;

/** Every relative import of every file under src/, read from the source text (comments and strings aside). */
export function importsOf(files = sourceFiles()): Import[] {
  const imports: Import[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const from = relative(ROOT, file);
    const to = (specifier: string) => relative(ROOT, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts');
    for (const [, , type, specifier] of text.matchAll(STATIC)) {
      imports.push({ from, to: to(specifier!), typeOnly: type !== undefined });
    }
    for (const [, specifier] of text.matchAll(DYNAMIC)) imports.push({ from, to: to(specifier!), typeOnly: false });
  }
  return imports;
}

/** Files that import each other in a circle (strongly connected components of more than one file, or a self-import). */
export function cycles(imports: readonly Import[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of imports) next.set(from, [...(next.get(from) ?? []), to]);
  // Tarjan's algorithm, iterative enough for a tree of a few hundred files.
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    order.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!order.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, order.get(target)!));
    }
    if (low.get(node) === order.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (next.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of next.keys()) if (!order.has(node)) visit(node);
  return found;
}
