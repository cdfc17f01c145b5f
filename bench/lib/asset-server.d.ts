/**
 * The "publisher's CDN" of the benchmarks, on 127.0.0.1 only: the hero photo for the card loader, and the card
 * fonts for Chromium's @font-face (long-lived cache headers, so the warm browser keeps them as a real one would).
 */
export interface AssetServer {
    origin: string;
    photoUrl: string;
    /** A URL of a photo never seen before (same picture, different bytes). */
    freshPhotoUrl(n: number): string;
    /** Photo requests answered so far. */
    photoRequests(): number;
    close(): Promise<void>;
}
export declare function startAssetServer(): Promise<AssetServer>;
