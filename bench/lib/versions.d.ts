export declare const CHROMIUM_PATH = "/usr/bin/chromium";
/** What each figure was measured with; a peer that is not installed is `undefined` and shows as "skipped". */
export interface Versions {
    node: string;
    satori: string | undefined;
    'resvg-js': string | undefined;
    sharp: string | undefined;
    '@vercel/og': string | undefined;
    /** The satori and sharp that @vercel/og itself loads (its own copies). */
    'og satori': string | undefined;
    'og sharp': string | undefined;
    'og resvg-wasm': string | undefined;
    chromium: string | undefined;
    'playwright-core': string | undefined;
    autocannon: string | undefined;
    cpus: string;
}
export declare function readVersions(cpus: string): Promise<Versions>;
