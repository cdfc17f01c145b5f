/**
 * A feed document's bytes as they were assembled: the head, each item's fragment (the item cache's own buffer,
 * shared by every document that lists the item) and the tail. A rebuild after an edit renders the head, the tail and
 * the edited item only; joining the ~250 KB document into one new buffer cost more than all of that whenever the
 * allocator handed it fresh pages (0.01 ms when it reused memory, 0.9 ms when it did not, on the 2-core VM of
 * docs/performance.md), so the parts are kept as they are: the ETag hashes them in order, compression copies them
 * into a scratch buffer it keeps (src/http/representation.ts), and only the identity coding asks for `joined`.
 */
export class FeedBody {
  #joined: Buffer | undefined;

  constructor(
    /** In document order; never written to (item fragments are shared between documents). */
    readonly parts: readonly Buffer[],
    /** Their total length in bytes. */
    readonly length: number,
  ) {}

  /** The whole document as one buffer, joined on first use and kept. */
  get joined(): Buffer {
    this.#joined ??= Buffer.concat(this.parts, this.length);
    return this.#joined;
  }
}
