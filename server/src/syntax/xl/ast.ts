import type { Span } from '../../text/lineIndex';
import type { MappedText } from '../../text/mappedText';
import type { Finding } from '../../tables/rules';

export interface XlString {
  readonly kind: 'string';
  readonly span: Span;
  readonly quote: '"' | "'";
  /** The value after libxlu's dequoting, mapped back to the document. */
  readonly value: MappedText;
}

/** libxlu keeps numbers as their text; they become strings wherever a string is read. */
export interface XlNumber {
  readonly kind: 'number';
  readonly span: Span;
  readonly value: MappedText;
}

export interface XlList {
  readonly kind: 'list';
  readonly span: Span;
  readonly items: XlValue[];
  /** False when the closing `]` is missing (a syntax error was reported). */
  readonly closed: boolean;
}

export type XlValue = XlString | XlNumber | XlList;

export interface XlSetting {
  readonly name: string;
  readonly nameSpan: Span;
  readonly op: '=' | '+=';
  readonly value: XlValue | undefined;
  readonly span: Span;
}

export interface XlComment {
  readonly span: Span;
  /** Text after `#`. */
  readonly text: string;
}

export interface XlFile {
  readonly settings: XlSetting[];
  readonly comments: XlComment[];
  /** Lexical and syntax errors; any of them makes xl refuse the whole file. */
  readonly findings: Finding[];
  readonly hasSyntaxError: boolean;
}
