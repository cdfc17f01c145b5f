import { type CardSpec, type ImageLoader } from '../../src/cards/index.js';
export declare const PROJECT_ROOT: string;
export declare const FONTS_DIR: string;
/** The test fixtures, inside the repository. */
export declare const FIXTURES_DIR: string;
export declare const HERO_URL = "https://www.entertainmentdaily.example/media/baby-p-mum-mugshot.jpg";
export declare const PORTRAIT_URL = "https://www.entertainmentdaily.example/media/portrait.jpg";
export declare function fixtureImage(name: string): Buffer;
/** The seed article's card spec, fresh per call. */
export declare function makeSpec(overrides?: Partial<CardSpec>): CardSpec;
export interface FakeLoader extends ImageLoader {
    calls: string[];
}
/** Serves fixture files for known URLs (no network at all); any other URL fails like the real loader does. */
export declare function makeLoader(files?: Record<string, string>): FakeLoader;
export interface RecordingLog {
    warnings: {
        obj: object;
        msg: string | undefined;
    }[];
    errors: {
        obj: object;
        msg: string | undefined;
    }[];
    warn(obj: object, msg?: string): void;
    error(obj: object, msg?: string): void;
}
export declare function makeLog(): RecordingLog;
/** A 300-character headline with curly quotes, an ellipsis and dashes. */
export declare const LONG_HEADLINE: string;
