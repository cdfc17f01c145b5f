export interface Region {
    left: number;
    top: number;
    width: number;
    height: number;
}
/**
 * Per-channel mean, min and max of one region of an image, from its raw pixels. (sharp's own `stats()` describes
 * the whole input image, whatever `extract` comes before it.)
 */
export declare function regionStats(image: Buffer, region: Region): Promise<{
    mean: number[];
    min: number[];
    max: number[];
}>;
