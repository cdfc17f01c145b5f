// harfbuzzjs (the HarfBuzz build satori shapes with) ships no types: the part the tests use.
declare module 'harfbuzzjs' {
  interface HbBlob {
    destroy(): void;
  }
  interface HbFace {
    collectUnicodes(): Uint32Array;
    destroy(): void;
  }
  export interface HarfBuzz {
    createBlob(data: ArrayBuffer | Uint8Array): HbBlob;
    createFace(blob: HbBlob, index: number): HbFace;
  }
  const ready: Promise<HarfBuzz>;
  export default ready;
}
