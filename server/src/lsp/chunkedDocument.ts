/**
 * An open document for TextDocuments whose text is a ChunkedText: applying a keystroke to a
 * 10 MB document costs its chunk and its line table, not a new 10 MB string (see
 * text/chunkedText). Positions behave exactly as vscode-languageserver-textdocument's
 * FullTextDocument 1.0.16 (the line table, clamping, stepping back before a line break),
 * whose update and position logic this follows; test/unit/chunkedDocument.test.ts compares
 * the two on random edits.
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkedText } from '../text/chunkedText';
import { LineIndex, lineStarts } from '../text/lineIndex';
import { lastAtOrBelow } from '../text/sorted';

export class ChunkedDocument implements TextDocument {
  /** Offset of each line's first character; computed when first needed. */
  private lineOffsets: number[] | undefined;

  private constructor(readonly uri: string, readonly languageId: string, public version: number, private content: ChunkedText) {}

  static create(uri: string, languageId: string, version: number, text: string): ChunkedDocument {
    return new ChunkedDocument(uri, languageId, version, ChunkedText.of(text));
  }

  /** The text, without making it one string. */
  get text(): ChunkedText {
    return this.content;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  getText(range?: Range): string {
    if (!range) return this.content.toString();
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    // As String.prototype.substring: a range given backwards reads forwards.
    return this.content.slice(Math.min(start, end), Math.max(start, end));
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change)) {
        this.content = ChunkedText.of(change.text);
        this.lineOffsets = undefined;
        continue;
      }
      const range = wellFormed(change.range);
      const startOffset = this.offsetAt(range.start);
      const endOffset = this.offsetAt(range.end);
      this.content = this.content.edit(startOffset, endOffset, change.text);
      const insertedEnd = startOffset + change.text.length;
      const crlfAtStart = this.content.charCodeAt(startOffset - 1) === 13 && this.content.charCodeAt(startOffset) === 10;
      const crlfAtEnd = this.content.charCodeAt(insertedEnd - 1) === 13 && this.content.charCodeAt(insertedEnd) === 10;
      // A CRLF pair across the edit's boundary is not in the inserted text's own line table.
      if (crlfAtStart || crlfAtEnd || !this.lineOffsets) {
        this.lineOffsets = undefined;
        continue;
      }
      const lineOffsets = this.lineOffsets;
      // A range past the last line (which clients should not send) ends on the last line.
      const lastLine = lineOffsets.length - 1;
      const startLine = Math.min(Math.max(range.start.line, 0), lastLine);
      const endLine = Math.min(Math.max(range.end.line, 0), lastLine);
      const added = lineStarts(change.text, false, startOffset);
      if (endLine - startLine === added.length) {
        for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i];
      } else {
        this.lineOffsets = [...lineOffsets.slice(0, startLine + 1), ...added, ...lineOffsets.slice(endLine + 1)];
      }
      const diff = change.text.length - (endOffset - startOffset);
      if (diff !== 0) {
        const offsets = this.lineOffsets;
        for (let i = startLine + 1 + added.length; i < offsets.length; i++) offsets[i] += diff;
      }
    }
    this.version = version;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.content.length), 0);
    const lineOffsets = this.getLineOffsets();
    const line = lastAtOrBelow(lineOffsets, offset);
    offset = this.beforeLineBreak(offset, lineOffsets[line]);
    return { line, character: offset - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.content.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.content.length;
    return this.beforeLineBreak(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: this.content.length - lineOffsets[lastLine] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line];
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.content.length;
    const endOffset = this.beforeLineBreak(nextLineOffset, startOffset);
    return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
  }

  /** The line break ending `line` ('' for the last line or one out of range). */
  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.content.length;
    return this.content.slice(this.beforeLineBreak(nextLineOffset, lineOffsets[line]), nextLineOffset);
  }

  /**
   * Takes the line table of an analysis of this very text (same version), instead of making
   * one on the first keystroke: a 10 MB dump's costs ~30 ms, a copy ~1 ms.
   */
  adoptLineStarts(lines: LineIndex): void {
    if (this.lineOffsets || lines.text.length !== this.content.length) return;
    this.lineOffsets = lines.copyOfStarts();
  }

  private getLineOffsets(): number[] {
    this.lineOffsets ??= lineStarts(this.content.toString(), true);
    return this.lineOffsets;
  }

  private beforeLineBreak(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isLineBreak(this.content.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

function isLineBreak(ch: number): boolean {
  return ch === 13 || ch === 10;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
