/**
 * A document's text held in chunks, so that an edit costs the chunk it falls in, not a copy
 * of the whole text. Making a new 10 MB string costs ~40 ms on the machines we measure on
 * (V8 allocates it afresh, page by page), which alone would use up a keystroke's budget;
 * the incremental analysis of a dump reads only the edited line, so the whole string is made
 * only when something asks for it (toString, cached).
 *
 * Immutable: `edit` returns a new text that shares the untouched chunks with this one.
 */
import { lastAtOrBelow } from './sorted';

/** Read access to a text, whole (a plain string satisfies it) or in chunks. */
export interface TextSource {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start: number, end?: number): string;
  indexOf(search: string, from?: number): number;
  toString(): string;
}

/** Chunks are cut to about this many characters; an edit re-joins only its own chunk. */
const CHUNK = 1 << 16;

export class ChunkedText implements TextSource {
  private flat: string | undefined;

  private constructor(
    private readonly chunks: readonly string[],
    /** Offset of each chunk's first character; one entry per chunk. */
    private readonly starts: readonly number[],
    readonly length: number,
  ) {}

  static of(text: string): ChunkedText {
    const chunks: string[] = [];
    const starts: number[] = [];
    // Slices of a string share its characters: cutting costs nothing until a chunk is edited.
    for (let at = 0; at < text.length; at += CHUNK) {
      starts.push(at);
      chunks.push(text.slice(at, at + CHUNK));
    }
    const result = new ChunkedText(chunks, starts, text.length);
    result.flat = text;
    return result;
  }

  /** This text with `[start, end)` replaced by `inserted`. */
  edit(start: number, end: number, inserted: string): ChunkedText {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (this.chunks.length === 0) return ChunkedText.of(inserted);
    const first = this.chunkAt(start);
    // The chunk holding the last removed character (or the insertion point).
    const last = end > start ? this.chunkAt(end - 1) : first;
    const joined = this.chunks.slice(first, last + 1).join('');
    const base = this.starts[first];
    const replaced = joined.slice(0, start - base) + inserted + joined.slice(end - base);
    const pieces: string[] = [];
    if (replaced.length <= 2 * CHUNK) {
      if (replaced.length > 0) pieces.push(replaced);
    } else {
      for (let at = 0; at < replaced.length; at += CHUNK) pieces.push(replaced.slice(at, at + CHUNK));
    }
    const chunks = [...this.chunks.slice(0, first), ...pieces, ...this.chunks.slice(last + 1)];
    const delta = inserted.length - (end - start);
    const starts: number[] = this.starts.slice(0, first);
    let at = base;
    for (const piece of pieces) {
      starts.push(at);
      at += piece.length;
    }
    for (let i = last + 1; i < this.starts.length; i++) starts.push(this.starts[i] + delta);
    return new ChunkedText(chunks, starts, this.length + delta);
  }

  charCodeAt(index: number): number {
    if (this.flat !== undefined) return this.flat.charCodeAt(index);
    if (index < 0 || index >= this.length) return NaN;
    const i = this.chunkAt(index);
    return this.chunks[i].charCodeAt(index - this.starts[i]);
  }

  slice(start: number, end: number = this.length): string {
    if (this.flat !== undefined) return this.flat.slice(start, end);
    start = clampIndex(start, this.length);
    end = clampIndex(end, this.length);
    if (end <= start) return '';
    const first = this.chunkAt(start);
    const last = this.chunkAt(end - 1);
    if (first === last) return this.chunks[first].slice(start - this.starts[first], end - this.starts[first]);
    let out = this.chunks[first].slice(start - this.starts[first]);
    for (let i = first + 1; i < last; i++) out += this.chunks[i];
    return out + this.chunks[last].slice(0, end - this.starts[last]);
  }

  /** As String.prototype.indexOf, chunk by chunk (a match may straddle two chunks). */
  indexOf(search: string, from = 0): number {
    if (this.flat !== undefined) return this.flat.indexOf(search, from);
    from = Math.max(0, Math.min(from, this.length));
    if (search === '') return from;
    if (from >= this.length) return -1;
    const overlap = search.length - 1;
    let carry = '';
    for (let i = this.chunkAt(from); i < this.chunks.length; i++) {
      const skip = Math.max(0, from - this.starts[i]);
      const piece = skip ? this.chunks[i].slice(skip) : this.chunks[i];
      const pieceStart = this.starts[i] + skip;
      if (carry) {
        const border = (carry + piece.slice(0, overlap)).indexOf(search);
        if (border >= 0) return pieceStart - carry.length + border;
      }
      const at = piece.indexOf(search);
      if (at >= 0) return pieceStart + at;
      if (overlap > 0) carry = piece.length >= overlap ? piece.slice(-overlap) : (carry + piece).slice(-overlap);
    }
    return -1;
  }

  /** The whole text as one string, made once. */
  toString(): string {
    this.flat ??= this.chunks.join('');
    return this.flat;
  }

  /** Index of the chunk holding character `index` (0 <= index < length). */
  private chunkAt(index: number): number {
    return lastAtOrBelow(this.starts, index);
  }
}

/** String.prototype.slice's reading of an index: negative counts from the end. */
function clampIndex(index: number, length: number): number {
  return index < 0 ? Math.max(0, length + index) : Math.min(index, length);
}
