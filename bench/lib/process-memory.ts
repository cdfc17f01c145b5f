import { readdir, readFile } from 'node:fs/promises';

/** Resident set sizes in bytes, read from /proc (Linux only; elsewhere the figures are undefined). */
export interface ProcessTreeRss {
  main: number;
  children: number;
  total: number;
  childPids: number[];
  processes: ProcessRss[];
}

/** VmRSS of one process from /proc/<pid>/status, in bytes; undefined when the process is gone. */
export async function readRss(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    // The process exited between listing and reading: it holds no memory any more.
    return undefined;
  }
}

/** Pids whose parent is `ppid`, from /proc/<ppid>/task/<tid>/children (every thread's children). */
export async function childPids(ppid: number): Promise<number[]> {
  const pids = new Set<number>();
  let tasks: string[];
  try {
    tasks = await readdir(`/proc/${ppid}/task`);
  } catch {
    return [];
  }
  for (const tid of tasks) {
    const text = await readFile(`/proc/${ppid}/task/${tid}/children`, 'utf8').catch(() => '');
    for (const pid of text.split(/\s+/).filter(Boolean)) pids.add(Number(pid));
  }
  return [...pids];
}

/** One descendant process: what it runs decides its label (render worker, esbuild started by tsx, other). */
export interface ProcessRss {
  pid: number;
  role: 'render worker' | 'esbuild (tsx)' | 'other';
  rss: number;
}

/** RSS of this process and of every descendant (render workers and what they start), by walking /proc. */
export async function readTreeRss(exclude: ReadonlySet<number> = new Set()): Promise<ProcessTreeRss> {
  const main = (await readRss(process.pid)) ?? process.memoryUsage.rss();
  const processes: ProcessRss[] = [];
  const pending = await childPids(process.pid);
  while (pending.length > 0) {
    const pid = pending.shift()!;
    if (exclude.has(pid)) continue;
    const rss = await readRss(pid);
    if (rss === undefined) continue;
    processes.push({ pid, role: await roleOf(pid), rss });
    pending.push(...(await childPids(pid)));
  }
  const children = processes.reduce((sum, p) => sum + p.rss, 0);
  return { main, children, total: main + children, childPids: processes.map((p) => p.pid), processes };
}

async function roleOf(pid: number): Promise<ProcessRss['role']> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (cmdline.includes('render-worker')) return 'render worker';
  if (cmdline.includes('esbuild')) return 'esbuild (tsx)';
  return 'other';
}

export const MB = 1_048_576;

/** CPU time (user + system) a process has used, in seconds, from /proc/<pid>/stat (fields 14 and 15, in ticks). */
export async function readCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux build Node supports
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
