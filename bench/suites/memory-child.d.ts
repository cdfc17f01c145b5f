import { type ProcessTreeRss } from '../lib/process-memory.js';
/**
 * 5, in a process of its own so the main process's RSS is the card service's and not the bench's: resident size
 * of this process and of its render workers (/proc/<pid>/status VmRSS, children found in /proc/<pid>/task/*
 * /children), idle after warm-up, sampled every 100 ms for the peak over `renders` distinct cards, and again after.
 */
export interface MemoryRequest {
    photoUrl: string;
    renders: number;
    cacheMaxBytes: number;
    /** URL of src/cards/index.js compiled by tsc: its render workers are forked without tsx. */
    compiledCards?: string;
}
export interface MemoryResult {
    idle: ProcessTreeRss;
    peak: ProcessTreeRss;
    after: ProcessTreeRss;
    seconds: number;
    workerPids: number[];
    /** Total RSS after each tenth of the renders: a plateau (allocator warming up) or a slope (a leak). */
    checkpoints: {
        renders: number;
        total: number;
        main: number;
        children: number;
    }[];
}
