/**
 * The xl.cfg lexer, following libxlu_cfg_l.l (Xen 4.17) rule by rule:
 *   IDENT  [a-z][._0-9a-z]*      NUMBER [0-9][0-9a-fx]*      blanks [ \t]
 *   , [ ] += = ;                 NEWLINE \n or #.*\n
 *   STRING '...' or "..." on one line, with backslash escapes
 *   any other character starts a lexical error that runs to the next blank;
 *   one of + - . ( ) : marks the file as "likely Python".
 */
import { MappedText } from '../../text/mappedText';
import { finding, Finding, replaceFix, RULES } from '../../tables/rules';

export type TokenKind = 'IDENT' | 'NUMBER' | 'STRING' | 'NEWLINE' | ',' | '[' | ']' | '+=' | '=' | ';' | 'ERROR' | 'EOF';

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** IDENT and NUMBER text; for STRING the dequoted value. */
  readonly value?: MappedText;
  readonly quote?: '"' | "'";
  /** Set on NEWLINE tokens that end a comment. */
  readonly comment?: { start: number; text: string };
}

export interface LexResult {
  readonly tokens: Token[];
  readonly findings: Finding[];
  /**
   * Offset of the first lexical error on each line (0-based): xl prints no parser error at or
   * after it on that line (yyerror skips lines up to the last lexical error's).
   */
  readonly errorLines: Map<number, number>;
}

const PYTHON_CHARS = '+-.():';

function isIdentStart(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isIdentPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 95;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isNumberPart(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || c === 120;
}

export function lexXl(text: string): LexResult {
  const tokens: Token[] = [];
  const findings: Finding[] = [];
  const errorLines = new Map<number, number>();
  let line = 0;
  let crReported = false;
  const escaped = { value: false };
  let i = 0;
  const n = text.length;

  const lexicalError = (start: number, end: number, detail: string) => {
    const near = text.slice(start, errorEnd(text, start + 1)).replace(/[ \t]+$/, '');
    findings.push(finding(RULES.xlLexical, { start, end }, `config parsing error near \`${near}': lexical error${detail}`));
    if (!errorLines.has(line)) errorLines.set(line, start);
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    const start = i;
    if (c === 32 || c === 9) {
      i++;
    } else if (c === 10) {
      tokens.push({ kind: 'NEWLINE', start, end: i + 1 });
      i++;
      line++;
    } else if (c === 13) {
      // xl's lexer has no rule for \r: every CRLF line is a lexical error there. Report it once
      // for the file and carry on as if it were a plain line break, so the rest is analysed.
      if (!crReported) {
        crReported = true;
        const lines = countCarriageReturns(text);
        findings.push(finding(RULES.xlCrlf, { start, end: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 },
          `xl rejects carriage returns: ${lines} line${lines === 1 ? '' : 's'} end${lines === 1 ? 's' : ''} in CR or CRLF, each a lexical error for xl; save the file with LF line endings`,
          { kind: 'replace', title: 'Convert line endings to LF', edits: crlfEdits(text), safe: true }));
      }
      const crlf = text.charCodeAt(i + 1) === 10;
      i += crlf ? 2 : 1;
      tokens.push({ kind: 'NEWLINE', start, end: i });
      line++;
    } else if (c === 35) {
      let j = i;
      while (j < n && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
      const comment = { start, text: text.slice(i + 1, j) };
      if (j >= n) {
        lexicalError(start, j, ' (xl needs a line break after a comment on the last line)');
        findings[findings.length - 1] = {
          ...findings[findings.length - 1],
          fix: replaceFix('Add a line break at the end of the file', { start: n, end: n }, '\n', false, true),
        };
        tokens.push({ kind: 'ERROR', start, end: j, comment });
      } else {
        // `#.*\n` is a NEWLINE in xl; the line break itself follows as a second NEWLINE,
        // which the grammar accepts anywhere a NEWLINE is.
        tokens.push({ kind: 'NEWLINE', start, end: j, comment });
      }
      i = j;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'IDENT', start, end: j, value: MappedText.plain(text.slice(i, j), i) });
      i = j;
    } else if (isDigit(c)) {
      let j = i + 1;
      while (j < n && isNumberPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'NUMBER', start, end: j, value: MappedText.plain(text.slice(i, j), i) });
      i = j;
    } else if (c === 44 || c === 91 || c === 93 || c === 61 || c === 59) {
      tokens.push({ kind: text[i] as Token['kind'], start, end: i + 1 });
      i++;
    } else if (c === 43 && text.charCodeAt(i + 1) === 61) {
      tokens.push({ kind: '+=', start, end: i + 2 });
      i += 2;
    } else if (c === 39 || c === 34) {
      const end = scanString(text, i, escaped);
      if (end < 0) {
        const stop = errorEnd(text, i + 1);
        lexicalError(start, stop, ' (unterminated string: a quoted string must end on the same line)');
        tokens.push({ kind: 'ERROR', start, end: stop });
        i = stop;
      } else {
        const quote = text[i] as '"' | "'";
        const value = escaped.value ? dequote(text, i, end, findings) : MappedText.plain(text.slice(i + 1, end - 1), i + 1);
        tokens.push({ kind: 'STRING', start, end, value, quote });
        i = end;
      }
    } else {
      const stop = errorEnd(text, i + 1);
      let detail = '';
      if (c === 0xfeff) detail = ' (a byte order mark; save the file as UTF-8 without BOM)';
      else if (PYTHON_CHARS.includes(text[i])) detail = '; the file looks like Python, which xl no longer supports';
      else if (c >= 65 && c <= 90) detail = ' (setting names are lowercase)';
      lexicalError(start, stop, detail);
      tokens.push({ kind: 'ERROR', start, end: stop });
      i = stop;
    }
  }
  tokens.push({ kind: 'EOF', start: n, end: n });
  return { tokens, findings, errorLines };
}

function countCarriageReturns(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) count++;
  return count;
}

/** Each CRLF (or lone CR) becomes LF; edits cover whole line breaks, as LSP positions must. */
function crlfEdits(text: string): { span: { start: number; end: number }; text: string }[] {
  const edits = [];
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    edits.push({ span: { start: i, end: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 }, text: '\n' });
  }
  return edits;
}

/** After an unexpected character flex's error state eats up to the next blank or newline. */
function errorEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 9 || c === 10 || c === 13) break;
    j++;
  }
  return j;
}

/**
 * End offset (after the closing quote) of a string starting at `at`, or -1 if unterminated;
 * whether it holds a backslash is left in `escaped.value`, so dequoting need not look again.
 */
function scanString(text: string, at: number, escaped: { value: boolean }): number {
  const quote = text.charCodeAt(at);
  let j = at + 1;
  escaped.value = false;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === quote) return j + 1;
    if (c === 10) return -1;
    if (c === 92) {
      escaped.value = true;
      if (j + 1 >= text.length || text.charCodeAt(j + 1) === 10) return -1;
      j += 2;
      continue;
    }
    j++;
  }
  return -1;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"', "'": "'", '\\': '\\', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/**
 * libxlu's xlu__cfgl_dequote, including its quirks in 4.17: a `\x` escape is always rejected
 * (the code skips a digit and then asks for more than two), and an octal escape `\Nmm` is read
 * as base 10, must have two more digits, and adds nothing to the string.
 */
function dequote(text: string, start: number, end: number, findings: Finding[]): MappedText {
  const inner = start + 1;
  const close = end - 1;
  let out = '';
  const offsets: number[] = [];
  let p = inner;
  while (p < close) {
    const c = text[p];
    if (c !== '\\') {
      offsets.push(p);
      out += c;
      p++;
      continue;
    }
    const escStart = p;
    const nc = text[p + 1];
    p += 2;
    if (nc in SIMPLE_ESCAPES) {
      offsets.push(escStart);
      out += SIMPLE_ESCAPES[nc];
    } else if (nc === 'x') {
      // The escape and the hex digits after it (never half of a surrogate pair).
      let digitsEnd = p;
      while (digitsEnd < Math.min(close, p + 2) && /[0-9a-fA-F]/.test(text[digitsEnd])) digitsEnd++;
      findings.push(finding(RULES.xlEscape, { start: escStart, end: digitsEnd },
        `config parsing error near \`${text.slice(start, end)}': invalid digit after backslash hexnumerical character escape in quoted string (xl 4.17 rejects every \\x escape)`));
      break;
    } else if (nc >= '0' && nc <= '7') {
      // strncpy(numbuf, p, 3); strtoul(numbuf, &ep, 10): the closing quote may be in numbuf.
      const numbuf = text.slice(p, Math.min(p + 3, end));
      const used = strtoulBase10Length(numbuf);
      if (used <= 1) {
        findings.push(finding(RULES.xlEscape, { start: escStart, end: Math.min(close, p + Math.max(used, 0)) },
          `config parsing error near \`${text.slice(start, end)}': invalid digit after backslash octalnumerical character escape in quoted string (an octal escape needs three digits)`));
        break;
      }
      p += used;
      findings.push(finding(RULES.xlEscapeDropped, { start: escStart, end: p },
        `xl 4.17 reads the escape ${text.slice(escStart, p)} but adds nothing to the string for it`,
        replaceFix('Remove the escape', { start: escStart, end: p }, '', false)));
    } else {
      findings.push(finding(RULES.xlEscape, { start: escStart, end: p },
        `config parsing error near \`${text.slice(start, end)}': invalid character after backlash in quoted string (escapes are \\" \\' \\\\ \\a \\b \\f \\n \\r \\t \\v)`));
      break;
    }
  }
  offsets.push(close);
  return MappedText.mapped(out, offsets);
}

/** How many characters C's strtoul(s, &ep, 10) consumes (0 when it converts nothing). */
function strtoulBase10Length(s: string): number {
  let j = 0;
  while (j < s.length && ' \t\n\v\f\r'.includes(s[j])) j++;
  if (s[j] === '+' || s[j] === '-') j++;
  const digitsFrom = j;
  while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
  return j === digitsFrom ? 0 : j;
}
