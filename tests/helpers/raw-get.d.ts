import { type IncomingHttpHeaders, type RequestListener } from 'node:http';
/** One GET over a real socket on 127.0.0.1, returning the undecoded body (supertest would decompress it). */
export declare function rawGet(callback: RequestListener, path: string, headers?: Record<string, string>): Promise<{
    status: number;
    headers: IncomingHttpHeaders;
    body: Buffer;
}>;
