export declare function readFixtureImage(name: string): Buffer;
export interface ImageServer {
    /** `http://127.0.0.1:<port>` */
    origin: string;
    port: number;
    /** Path and query of every request received, in order. */
    requests: string[];
    /** TCP connections accepted: a refused destination must leave this at 0. */
    connections: number;
    /** Bytes written by /big-chunked responses so far. */
    streamedBytes: number;
    /** Extra files served as-is: path → body and Content-Type. */
    files: Map<string, {
        body: Buffer;
        type: string;
    }>;
    /** Resolves once every response the server started has closed. */
    settled(): Promise<void>;
    close(): Promise<void>;
}
/**
 * A fixture server on 127.0.0.1 only (port 0). Routes:
 * /hero.jpg, /hero-labelled-html (JPEG bytes sent as text/html), /page.html, /missing (404),
 * /redirect?to=<url> (302 to exactly that Location), /nested/dir/relative (301 to ../../hero.jpg),
 * /chain/<n> (n more redirects, then the photo), /slow-body (trickles a byte every 50 ms),
 * /slow-head (never answers), /big-declared?bytes=<n> (Content-Length n, then nothing),
 * /big-chunked?bytes=<n> (chunked, no length).
 */
export declare function startImageServer(): Promise<ImageServer>;
