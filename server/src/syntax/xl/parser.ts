/**
 * xl.cfg parser after libxlu_cfg_y.y (Xen 4.17):
 *   file: stmts | stmts assignment          stmt: assignment endstmt | endstmt | error NEWLINE
 *   assignment: IDENT '=' value | IDENT "+=" value          endstmt: NEWLINE | ';'
 *   value: atom | '[' nlok valuelist ']'    valuelist: empty | values | values ',' nlok
 *   values: value nlok | values ',' nlok value nlok          nlok: NEWLINE*
 * Error-tolerant: an unclosed list keeps the items read so far, a missing comma between two
 * list items is reported and bridged, and after an error parsing resumes at the next line that
 * starts a setting, so one mistake yields one diagnostic and the rest is still analysed.
 */
import { lexXl, Token, TokenKind } from './lexer';
import type { XlComment, XlFile, XlList, XlSetting, XlValue } from './ast';
import { explained, finding, Finding, RULES } from '../../tables/rules';
import { clip } from '../../text/words';
import { LineIndex } from '../../text/lineIndex';

const TOKEN_NAMES: Record<TokenKind, string> = {
  IDENT: 'IDENT', NUMBER: 'NUMBER', STRING: 'STRING', NEWLINE: 'NEWLINE', ',': "','", '[': "'['", ']': "']'",
  '+=': '"+="', '=': "'='", ';': "';'", ERROR: 'error', EOF: '$end',
};

/** Lists nested deeper than this are refused instead of exhausting the stack. */
const MAX_LIST_DEPTH = 2000;

class SyntaxFailure {
  constructor(readonly token: Token) {}
}

export function parseXl(text: string): XlFile {
  const lexed = lexXl(text);
  const parser = new Parser(text, lexed.tokens, lexed.errorLines);
  const settings = parser.parseFile();
  const findings = [...lexed.findings, ...parser.findings].sort((a, b) => a.span.start - b.span.start);
  const hasSyntaxError = findings.some((f) => f.rule.severity === 'error');
  return { settings, comments: parser.comments, findings, hasSyntaxError };
}

class Parser {
  readonly findings: Finding[] = [];
  readonly comments: XlComment[] = [];
  private pos = 0;
  private depth = 0;
  private lines: LineIndex | undefined;

  constructor(private readonly text: string, private readonly tokens: Token[], private readonly lexErrorLines: Map<number, number>) {
    for (const t of tokens) {
      if (t.comment) this.comments.push({ span: { start: t.comment.start, end: t.end }, text: t.comment.text });
    }
  }

  parseFile(): XlSetting[] {
    const settings: XlSetting[] = [];
    // The latest setting of each name, which `+=` adds to (xlu's find()).
    const lastByName = new Map<string, XlSetting>();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'EOF') return settings;
      if (t.kind === 'NEWLINE' || t.kind === ';') {
        this.pos++;
        continue;
      }
      try {
        if (t.kind === 'ERROR') throw new SyntaxFailure(t);
        if (t.kind !== 'IDENT') this.fail(t, 'IDENT');
        const setting = this.parseAssignment(settings);
        if (!this.addsOtherKind(lastByName.get(setting.name), setting)) {
          settings.push(setting);
          lastByName.set(setting.name, setting);
        }
        const end = this.peek();
        if (end.kind === 'NEWLINE' || end.kind === ';') this.pos++;
        // bison reduces `file: stmts assignment` by default here, so it only expects $end.
        else if (end.kind !== 'EOF') this.fail(end, '$end');
      } catch (e) {
        if (!(e instanceof SyntaxFailure)) throw e;
        this.recover();
      }
    }
  }

  /**
   * `+=` joins two strings or two lists; a list and a string (or a number, which xl keeps as a
   * string) make xlu__cfg_concat_vals fail: xl prints `can't add [list] to "string" or vice
   * versa`, keeps nothing of the setting and rejects the file. Only the first error counts (xl
   * stores no setting after one).
   */
  private addsOtherKind(previous: XlSetting | undefined, setting: XlSetting): boolean {
    if (setting.op !== '+=' || !setting.value) return false;
    if (!previous?.value || (previous.value.kind === 'list') === (setting.value.kind === 'list')) return false;
    if (!this.findings.some((f) => f.rule.severity === 'error' && f.rule.enforcer === 'xl')) {
      const [added, to] = setting.value.kind === 'list' ? ['a list', 'a string'] : ['a string', 'a list'];
      this.findings.push(finding(RULES.xlSyntax, setting.value.span,
        explained(`Cannot add ${added} to ${to} with +=, so xl rejects the file`,
          `${setting.name} was set to ${to} above; xl reports "can't add [list] to "string" or vice versa".`)));
    }
    return true;
  }

  private parseAssignment(done: XlSetting[]): XlSetting {
    const name = this.next();
    const op = this.peek();
    if (op.kind !== '=' && op.kind !== '+=') this.fail(op, `"+=" or '='`);
    this.pos++;
    const setting: { -readonly [K in keyof XlSetting]: XlSetting[K] } = {
      name: name.value!.text,
      nameSpan: { start: name.start, end: name.end },
      op: op.kind,
      value: undefined,
      span: { start: name.start, end: op.end },
    };
    try {
      setting.value = this.parseValue();
      setting.span = { start: name.start, end: setting.value.span.end };
    } catch (e) {
      // Keep what was read (an unclosed list) so the rest of the analysis still sees it.
      if (e instanceof PartialValue) {
        setting.value = e.value;
        setting.span = { start: name.start, end: e.value.span.end };
        done.push(setting);
        throw e.failure;
      }
      throw e;
    }
    return setting;
  }

  private parseValue(): XlValue {
    const t = this.peek();
    if (t.kind === 'STRING') {
      this.pos++;
      return { kind: 'string', span: { start: t.start, end: t.end }, quote: t.quote!, value: t.value! };
    }
    if (t.kind === 'NUMBER') {
      this.pos++;
      return { kind: 'number', span: { start: t.start, end: t.end }, value: t.value! };
    }
    if (t.kind === '[') return this.parseList();
    return this.fail(t, "STRING or NUMBER or '['");
  }

  private parseList(): XlList {
    const open = this.next();
    if (this.depth >= MAX_LIST_DEPTH) {
      this.findings.push(finding(RULES.xlSyntax, { start: open.start, end: open.end },
        `Lists nested deeper than ${MAX_LIST_DEPTH} levels are not analysed`));
      throw new SyntaxFailure(open);
    }
    this.depth++;
    try {
      return this.parseListItems(open);
    } finally {
      this.depth--;
    }
  }

  private parseListItems(open: Token): XlList {
    const items: XlValue[] = [];
    const partial = (failure: SyntaxFailure): PartialValue => {
      const last = items.length ? items[items.length - 1].span.end : open.end;
      return new PartialValue({ kind: 'list', span: { start: open.start, end: last }, items, closed: false }, failure);
    };
    const isValueStart = (k: TokenKind) => k === 'STRING' || k === 'NUMBER' || k === '[';
    this.skipNewlines();
    for (;;) {
      let t = this.peek();
      if (t.kind === ']') {
        this.pos++;
        return { kind: 'list', span: { start: open.start, end: t.end }, items, closed: true };
      }
      if (!isValueStart(t.kind)) throw partial(this.failure(t, "']'"));
      try {
        items.push(this.parseValue());
      } catch (e) {
        if (e instanceof PartialValue) {
          items.push(e.value);
          throw partial(e.failure);
        }
        if (e instanceof SyntaxFailure) throw partial(e);
        throw e;
      }
      this.skipNewlines();
      t = this.peek();
      if (t.kind === ',') {
        this.pos++;
        this.skipNewlines();
      } else if (isValueStart(t.kind)) {
        // A missing comma between two items: report it and read on as if it were there.
        this.report(t, "']'");
      } else if (t.kind !== ']') {
        throw partial(this.failure(t, "']'"));
      }
    }
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'NEWLINE') this.pos++;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    return this.tokens[this.pos++];
  }

  private failure(t: Token, expected: string): SyntaxFailure {
    this.report(t, expected);
    return new SyntaxFailure(t);
  }

  private fail(t: Token, expected: string): never {
    throw this.failure(t, expected);
  }

  private report(t: Token, expected: string): void {
    if (t.kind === 'ERROR') return; // the lexer has reported it
    this.lines ??= new LineIndex(this.text);
    const lexError = this.lexErrorLines.get(this.lines.positionAt(t.start).line);
    if (lexError !== undefined && lexError <= t.start) return;
    const near = nearText(this.text, t);
    // At the end of the file xl names the last line that has text; point there too.
    const at = t.kind === 'EOF' ? this.lastTokenEnd() : t.start;
    this.findings.push(finding(RULES.xlSyntax, { start: at, end: t.kind === 'EOF' ? at : t.end },
      explained(`Syntax error near ${clip(near)}: unexpected ${TOKEN_NAMES[t.kind]}`,
        `xl: config parsing error near ${near}: syntax error, unexpected ${TOKEN_NAMES[t.kind]}, expecting ${expected}.`)));
  }

  private lastTokenEnd(): number {
    for (let i = this.tokens.length - 2; i >= 0; i--) {
      if (this.tokens[i].kind !== 'NEWLINE' || this.tokens[i].comment) return this.tokens[i].end;
    }
    return 0;
  }

  /**
   * bison's `error NEWLINE`: drop tokens to the end of the line. Lines that cannot start a
   * setting (the rest of a broken multi-line list) are dropped as well, silently.
   */
  private recover(): void {
    for (;;) {
      while (this.peek().kind !== 'NEWLINE' && this.peek().kind !== 'EOF') this.pos++;
      if (this.peek().kind === 'EOF') return;
      this.skipNewlines();
      const t = this.peek();
      const after = this.tokens[this.pos + 1];
      if (t.kind === 'EOF' || (t.kind === 'IDENT' && (after.kind === '=' || after.kind === '+='))) return;
    }
  }
}

class PartialValue {
  constructor(readonly value: XlList, readonly failure: SyntaxFailure) {}
}

/** What xl prints after "near": the token text trimmed, or <newline>. */
function nearText(text: string, t: Token): string {
  if (t.kind === 'NEWLINE' && !t.comment) return '<newline>';
  if (t.kind === 'EOF') return "`'"; // flex's yytext at the end of input
  const raw = text.slice(t.start, t.end).replace(/[\r\n]+$/, '').replace(/[ \t]+$/, '');
  return `\`${raw}'`;
}
