/** Resident set sizes in bytes, read from /proc (Linux only; elsewhere the figures are undefined). */
export interface ProcessTreeRss {
    main: number;
    children: number;
    total: number;
    childPids: number[];
    processes: ProcessRss[];
}
/** VmRSS of one process from /proc/<pid>/status, in bytes; undefined when the process is gone. */
export declare function readRss(pid: number): Promise<number | undefined>;
/** Pids whose parent is `ppid`, from /proc/<ppid>/task/<tid>/children (every thread's children). */
export declare function childPids(ppid: number): Promise<number[]>;
/** One descendant process: what it runs decides its label (render worker, esbuild started by tsx, other). */
export interface ProcessRss {
    pid: number;
    role: 'render worker' | 'esbuild (tsx)' | 'other';
    rss: number;
}
/** RSS of this process and of every descendant (render workers and what they start), by walking /proc. */
export declare function readTreeRss(exclude?: ReadonlySet<number>): Promise<ProcessTreeRss>;
export declare const MB = 1048576;
/** CPU time (user + system) a process has used, in seconds, from /proc/<pid>/stat (fields 14 and 15, in ticks). */
export declare function readCpuSeconds(pid: number): Promise<number>;
