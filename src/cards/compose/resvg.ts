import { createRequire } from 'node:module';
import { familySync, MUSL } from 'detect-libc';

type ResvgClass = typeof import('@resvg/resvg-js').Resvg;

const require = createRequire(import.meta.url);

/**
 * @resvg/resvg-js's `Resvg`, its native binding loaded from the platform package by name on Linux, as the package's
 * own loader would pick it: that loader (js-binding.js) tells glibc from musl with `process.report.getReport()`,
 * which gathers a whole diagnostic report (stacks, heap, libuv handles, every shared object) and cost each start
 * 8–22 ms here, a cold `syndicard card` and every render worker. detect-libc (sharp's choice for the same question)
 * reads the ELF interpreter of the running node instead. Anything unexpected (another platform, a package laid out
 * elsewhere) goes through resvg-js's own loader, as before.
 */
function load(): ResvgClass {
  const { platform, arch } = process;
  if (platform === 'linux' && (arch === 'x64' || arch === 'arm64')) {
    const libc = familySync() === MUSL ? 'musl' : 'gnu';
    let binding: { Resvg: new (svg: string | Buffer, options?: string) => object } | undefined;
    try {
      binding = require(`@resvg/resvg-js-linux-${arch}-${libc}`);
    } catch {
      // Not installed under that name beside us: resvg-js's own loader finds it or says what is missing.
    }
    if (binding) {
      // What resvg-js's index.js exports: the binding takes its options as JSON.
      class Resvg extends binding.Resvg {
        constructor(svg: string | Buffer, options?: object) {
          super(svg, JSON.stringify(options));
        }
      }
      return Resvg as unknown as ResvgClass;
    }
  }
  return (require('@resvg/resvg-js') as typeof import('@resvg/resvg-js')).Resvg;
}

export const Resvg = load();
