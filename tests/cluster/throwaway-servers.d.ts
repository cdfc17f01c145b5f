export declare const PG_BIN: string;
export declare function freePort(): Promise<number>;
export interface ThrowawayServer {
    url: string;
    stop(): Promise<void>;
    start(): Promise<void>;
    /** Stops it for good and removes its files. */
    destroy(): Promise<void>;
}
/**
 * A PostgreSQL cluster in a temporary directory (initdb, trust auth). `stop()` is an immediate shutdown, as a
 * crash would be: the server does not checkpoint, and on `start()` it recovers from its write-ahead log, so
 * whatever was committed before must still be there.
 */
export declare function startThrowawayPostgres(): Promise<ThrowawayServer>;
/** A Redis server that keeps nothing on disk, as a cache; `start()` after `stop()` comes back empty on the same port. */
export declare function startThrowawayRedis(): Promise<ThrowawayServer>;
