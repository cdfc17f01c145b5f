import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A measurement that runs in a fresh process of its own (under tsx, like the bench): the parent sends one request,
 * the child answers once with `{ ok, result | message }` and exits. Used where a run must not share a heap, a
 * module cache or native state with the bench (memory figures, @vercel/og's two rasterisers).
 */
type Reply<T> = { ok: true; result: T } | { ok: false; message: string };

export function runInChild<Request, Result>(
  entry: URL,
  request: Request,
  label: string,
  timeoutMs?: number,
): Promise<Result> {
  const child = fork(fileURLToPath(entry), [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`${label} took longer than ${timeoutMs} ms`));
          }, timeoutMs);
    child.once('message', (message: Reply<Result>) => {
      clearTimeout(timer);
      if (message.ok) resolve(message.result);
      else reject(new Error(`${label} failed: ${message.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${signal ?? `code ${code}`}) without a result`));
    });
    child.send(request as object);
  });
}

/** The child's side: run once for the first request, send the reply, exit. */
export function answerOnce<Request, Result>(run: (request: Request) => Promise<Result>): void {
  process.once('message', (request: Request) => {
    run(request).then(
      (result) => process.send?.({ ok: true, result } satisfies Reply<Result>, () => process.exit(0)),
      (error: unknown) =>
        process.send?.(
          {
            ok: false,
            message: error instanceof Error ? (error.stack ?? error.message) : String(error),
          } satisfies Reply<Result>,
          () => process.exit(1),
        ),
    );
  });
}
