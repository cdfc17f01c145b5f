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
export declare function startServer(start: Extract<ToServer, {
    type: 'start-app' | 'start-plain' | 'start-koa';
}>): Promise<ServerHandle>;
