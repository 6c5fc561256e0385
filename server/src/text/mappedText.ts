import type { Span } from './lineIndex';

/**
 * A decoded string (an xl string without its escapes, a XenStore value without its
 * xenstore-ls escaping) that still knows where each of its characters sits in the document.
 * `offsets[i]` is the document offset where decoded character i starts; `offsets[length]` is
 * the end. Without escapes the mapping is a plain shift and no array is kept.
 */
export class MappedText {
  private constructor(
    readonly text: string,
    private readonly base: number,
    private readonly offsets: Int32Array | null,
  ) {}

  static plain(text: string, start: number): MappedText {
    return new MappedText(text, start, null);
  }

  static mapped(text: string, offsets: number[]): MappedText {
    if (offsets.length !== text.length + 1) throw new Error('MappedText: offsets must have length + 1 entries');
    return new MappedText(text, 0, Int32Array.from(offsets));
  }

  /** The same text, `delta` characters further in the document (an edit before it). */
  moved(delta: number): MappedText {
    return new MappedText(this.text, this.base + delta, this.offsets ? this.offsets.map((o) => o + delta) : null);
  }

  /** No escapes: character i sits at the start offset plus i. */
  get isPlain(): boolean {
    return this.offsets === null;
  }

  get length(): number {
    return this.text.length;
  }

  /** Document offset of decoded index i (0 ≤ i ≤ length). */
  at(i: number): number {
    const k = Math.max(0, Math.min(i, this.text.length));
    return this.offsets ? this.offsets[k] : this.base + k;
  }

  span(from = 0, to = this.text.length): Span {
    return { start: this.at(from), end: this.at(to) };
  }

  slice(from: number, to = this.text.length): MappedText {
    const f = Math.max(0, Math.min(from, this.text.length));
    const t = Math.max(f, Math.min(to, this.text.length));
    if (!this.offsets) return new MappedText(this.text.slice(f, t), this.base + f, null);
    return new MappedText(this.text.slice(f, t), 0, this.offsets.slice(f, t + 1));
  }

  /** Decoded index of a document offset, or -1 when the offset lies outside. */
  indexOf(offset: number): number {
    if (offset < this.at(0) || offset > this.at(this.text.length)) return -1;
    if (!this.offsets) return offset - this.base;
    let lo = 0;
    let hi = this.text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Split on a separator without trimming, the way strsep does: empty pieces are kept. */
  split(separator: string): MappedText[] {
    const pieces: MappedText[] = [];
    let from = 0;
    for (;;) {
      const at = this.text.indexOf(separator, from);
      if (at < 0) {
        pieces.push(this.slice(from));
        return pieces;
      }
      pieces.push(this.slice(from, at));
      from = at + separator.length;
    }
  }
}
