import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromServer, ToServer } from './server-protocol.js';

/** The bench's side of a server child: send a command, await its one reply. */
export interface ServerHandle {
  pid: number;
  origin: string;
  cardPath: string | undefined;
  feedPath: string | undefined;
  request(message: ToServer): Promise<FromServer>;
  stop(): Promise<void>;
}

export async function startServer(
  start: Extract<ToServer, { type: 'start-app' | 'start-plain' | 'start-koa' }>,
): Promise<ServerHandle> {
  const entry = fileURLToPath(new URL('./server-child.ts', import.meta.url));
  const child: ChildProcess = fork(entry, [], {
    execArgv: [
      '--import',
      import.meta.resolve('tsx'),
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${fileURLToPath(new URL('../results/profiles/', import.meta.url))}`]
        : []),
    ],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const request = (message: ToServer) =>
    new Promise<FromServer>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`bench server exited (code ${code}) during ${message.type}`));
      child.once('exit', onExit);
      child.once('message', (reply: FromServer) => {
        child.off('exit', onExit);
        if (reply.type === 'error') reject(new Error(`bench server: ${reply.message}`));
        else resolve(reply);
      });
      child.send(message);
    });
  const reply = await request(start);
  if (reply.type !== 'listening') throw new Error(`bench server answered ${reply.type} to ${start.type}`);
  return {
    pid: child.pid!,
    origin: `http://127.0.0.1:${reply.port}`,
    cardPath: reply.cardPath,
    feedPath: reply.feedPath,
    request,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      }),
  };
}
