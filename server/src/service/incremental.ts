/**
 * Re-analysis after an edit, doing only the work the edit calls for. In every xenstore-ls
 * form a node's value sits on one line and a card reads only its own subtree and its backend
 * twin, so an edit inside one value re-reads that line, re-resolves and re-validates the cards
 * above the node, and moves everything after it by the edit's length (reanalyzeInsideValue);
 * in a `-f` listing, whole lines edited below cards that stay re-read those cards
 * (reanalyzeLines). Any other edit (a comment, a card's backend link, an xl.cfg, …) gets a
 * fresh analysis.
 *
 * The previous analysis is consumed: its tree is moved in place and belongs to the result.
 * The equivalence with a fresh analysis is a property test (test/robustness/incremental.test).
 */
import type { Finding } from '../tables/rules';
import type { XsNode } from '../tree/xenstoreTree';
import type { TextSource } from '../text/chunkedText';
import { resolveCards, ResolvedCard } from '../resolver/resolve';
import { addFullLine, classifyFullLine, rereadValue, wholeValueLine, XsDump } from '../syntax/xenstore/parser';
import { RULES } from '../tables/rules';
import { Analysis, analyzeForEditing, assembleDump, EditableAnalysis, validateCard } from './analyze';
import { cardsAt, carryCardExtents } from './locate';
import { highestOffset, mapOffsets } from './cardFindings';

/** A replacement of `[start, end)` of the previous text by `text`. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The analysis of `text`, which is the previous analysis's text with `change` applied. */
export function reanalyze(previous: EditableAnalysis, change: TextChange, text: TextSource): EditableAnalysis {
  return reanalyzeQuickly(previous, change, text) ?? analyzeForEditing(text.toString(), previous.analysis.language, previous.options);
}

/** The fast paths: the analysis after the edit, or undefined (previous untouched) when neither takes it. */
export function reanalyzeQuickly(previous: EditableAnalysis, change: TextChange, text: TextSource): EditableAnalysis | undefined {
  return reanalyzeInsideValue(previous, change, text) ?? reanalyzeLines(previous, change, text);
}

/**
 * Builds now what the first edit of a dump and the first hover would otherwise build then:
 * the nodes in document order, the cards of each directory and the cards' extents. The
 * language server's document store calls it in a slice of its own after a whole analysis,
 * before publishing it, so the first keystroke costs what every other one does.
 */
export function prepareForEdits(editable: EditableAnalysis): void {
  const { analysis } = editable;
  if (!editable.dump || !analysis.dump) return;
  orderedNodes(analysis.dump.root);
  cardsByDirectoryOf(analysis.dump.root, analysis.cards);
  cardsAt(analysis, 0);
}

/**
 * Idle work on an edited dump: its edits recorded moves that each node applies when next read
 * (XsNode.moveAllOffsets); this brings all nodes up to date in steps, so that no later read
 * pays for many. Undefined when fewer than `atLeast` moves wait.
 */
export function settleSteps(analysis: Analysis, atLeast: number): Generator<number, void> | undefined {
  const root = analysis.dump?.root;
  return root && root.unsettledMoves >= atLeast ? root.settleSteps() : undefined;
}

/** Every node of a dump's tree in document order, kept per tree (edits move nodes but keep their order). */
const nodesInOrder = new WeakMap<XsNode, XsNode[]>();

function orderedNodes(root: XsNode): XsNode[] {
  let nodes = nodesInOrder.get(root);
  if (!nodes) {
    nodes = root.takeCreationOrder() ?? [];
    // The parser makes nodes line by line; a node whose own line comes after its children's
    // (possible in a hand-made dump) was made early: then sort (stable, nearly sorted input).
    let sorted = true;
    for (let i = 1; i < nodes.length && sorted; i++) sorted = nodes[i - 1].spanStart <= nodes[i].spanStart;
    if (!sorted) nodes.sort((a, b) => a.spanStart - b.spanStart);
    nodesInOrder.set(root, nodes);
  }
  return nodes;
}

/**
 * The fast path alone: the analysis after an edit inside one whole value of a dump, or
 * undefined (and the previous analysis untouched) for any other edit.
 */
export function reanalyzeInsideValue(previous: EditableAnalysis, change: TextChange, text: TextSource): EditableAnalysis | undefined {
  const old = previous.analysis;
  const state = previous.dump;
  const dump = old.dump;
  // Cards of a listing without paths are inferred from values (backend links): start over.
  if (!state || !dump || dump.relative) return undefined;
  if (/[\r\n]/.test(change.text)) return undefined;
  const line = old.lines.positionAt(change.start).line;
  const lineStart = old.lines.lineStart(line);
  const lineEnd = old.lines.lineEnd(line);
  if (change.end > lineEnd) return undefined;
  // The edited line alone, before and after: the document is never made one string here.
  const oldLine = old.text.slice(lineStart, lineEnd);
  const delta = change.text.length - (change.end - change.start);
  const newLine = oldLine.slice(0, change.start - lineStart) + change.text + oldLine.slice(change.end - lineStart);
  // Lines the parser reads before trying `name = "value"`: comments, tool errors, a byte-order mark.
  const first = oldLine.charCodeAt(0);
  if (first === 35 /* # */ || first === 0xfeff || oldLine.startsWith('xenstore-') || newLine.startsWith('xenstore-')) return undefined;
  const before = wholeValueLine(oldLine, lineStart);
  if (!before || change.start < before.valueStart! || change.end > before.valueEnd!) return undefined;
  const after = wholeValueLine(newLine, lineStart);
  if (!after || after.nameEnd !== before.nameEnd || after.valueStart !== before.valueStart || after.valueEnd !== before.valueEnd! + delta) return undefined;

  const nodes = orderedNodes(dump.root);
  const firstOnLine = lowerBound(nodes, lineStart);
  // The node this line defines (a later line of the same path would own its value instead).
  let edited: XsNode | undefined;
  for (let i = firstOnLine; i < nodes.length && nodes[i].spanStart === lineStart; i++) {
    if (nodes[i].value?.span.start === before.valueStart) edited = nodes[i];
  }
  // A card's backend link decides which backend directory is its twin: start over.
  if (edited?.name === 'backend') return undefined;
  const touched = edited ? cardsAbove(edited, dump.root, old.cards) : [];

  // Moved findings are new objects (a finding's span objects may be shared with its fix's
  // edits); the tree's nodes are moved in place below, the cards' findings by their shift.
  const move = (f: Finding) => moveFinding(f, change.start, change.end, delta);
  const newDump = {
    ...dump,
    findings: movedFindings(dump.findings, move),
    comments: dump.comments.map((c) => (c.span.start > change.start ? { ...c, span: movedSpan(c.span, delta) } : c)),
    // Unread lines are whole lines, none of them the edited one (a value line that reads).
    unreadable: dump.unreadable.map((u) => (u.span.start > change.start ? { ...u, span: movedSpan(u.span, delta) } : u)),
  };
  // Nodes before the edited line end before it: moving the whole tree moves the same nodes.
  dump.root.moveAllOffsets(change.start, change.end, delta);
  if (edited) rereadValue(edited, newLine, lineStart, after);

  const { cards, replaced, fresh } = resolveAgain(previous, touched, text);
  const cardFindings = state.cardFindings.edited(change.start, change.end, delta, fresh);
  const lines = old.lines.afterEditWithinLine(text, change.start, change.end - change.start, change.text.length);
  const analysis = assembleDump(text, lines, newDump, cards, cardFindings, previous.options);
  carryCardExtents(old, analysis, (x) => (x >= change.end && x > change.start ? x + delta : x), replaced);
  return { analysis, options: previous.options, dump: { cardFindings } };
}

/**
 * Line edits of a `-f` dump: lines added, removed or changed below card directories that
 * stay (a pasted key, a deleted line, Enter at a line's end). In a `-f` listing every line
 * stands alone, so the cards the edited lines are below are read again from all their lines
 * in the new text, re-resolved and re-validated, and everything else moves. Anything that
 * could reach further (comments and their directives, cut, wrapped or `-p` lines, unreadable
 * lines, backend links, new or vanishing cards, carriage returns) returns undefined with the
 * previous analysis untouched, and gets a whole analysis.
 */
export function reanalyzeLines(previous: EditableAnalysis, change: TextChange, text: TextSource): EditableAnalysis | undefined {
  const old = previous.analysis;
  const state = previous.dump;
  const dump = old.dump;
  if (!state || !dump || dump.relative || dump.form !== 'full' || dump.permissions || old.lines.hasCarriageReturn || change.text.includes('\r')) return undefined;
  if (dump.findings.some((f) => f.rule === RULES.xsJoinedLine || f.rule === RULES.xsTruncated)) return undefined;
  // The whole lines the edit touches, before and after it.
  const regionStart = old.lines.lineStart(old.lines.positionAt(change.start).line);
  const oldRegionEnd = old.lines.lineEnd(old.lines.positionAt(change.end).line);
  const delta = change.text.length - (change.end - change.start);
  const newRegionEnd = oldRegionEnd + delta;
  const directories = new Set<string>();
  for (const region of [old.text.slice(regionStart, oldRegionEnd), text.slice(regionStart, newRegionEnd)]) {
    for (const lineText of region.split('\n')) {
      const line = classifyFullLine(lineText);
      if (!line) return undefined;
      if (line.kind !== 'node') continue;
      // Strictly below a card directory of a frontend, and no backend link.
      const names = line.path.split('/');
      if (names.length < 8 || names[1] !== 'local' || names[2] !== 'domain' || names[4] !== 'device' || names[5] !== 'vsnd' || names.includes('backend')) return undefined;
      directories.add(names.slice(0, 7).join('/'));
    }
  }
  if (dump.findings.some((f) => f.span.start <= oldRegionEnd && f.span.end >= regionStart)) return undefined;
  // Each directory: a card made before the region (so the same line still makes it), with no
  // unreadable line below it (those point at its nodes).
  const cardOf = cardsByDirectoryOf(dump.root, old.cards);
  const rebuilt: { directory: string; node: XsNode }[] = [];
  const touched: number[] = [];
  for (const directory of directories) {
    let node: XsNode | undefined = dump.root;
    for (const name of directory.split('/').slice(1)) node = node?.child(name);
    const cards = node && cardOf.get(node);
    if (!node || !cards || node.spanStart >= regionStart) return undefined;
    rebuilt.push({ directory, node });
    for (const i of cards) if (!touched.includes(i)) touched.push(i);
  }
  if (rebuilt.length && dump.unreadable.some((u) => rebuilt.some((r) => isBelow(u.parent, r.node)))) return undefined;
  // Every line of those cards in the new text, in document order; all must read cleanly.
  // Searched chunk by chunk: no whole-document string is made.
  const cardLines: { start: number; text: string }[] = [];
  for (const { directory } of rebuilt) {
    const prefix = `${directory}/`;
    for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
      let start = at;
      while (start > 0 && text.charCodeAt(start - 1) === 32) start--;
      if (start > 0 && text.charCodeAt(start - 1) !== 10) continue; // inside a value
      const eol = text.indexOf('\n', at);
      const lineText = text.slice(start, eol < 0 ? text.length : eol);
      if (classifyFullLine(lineText)?.kind !== 'node') return undefined;
      cardLines.push({ start, text: lineText });
      at = start + lineText.length;
    }
  }
  cardLines.sort((a, b) => a.start - b.start);

  // From here on the previous analysis is taken over. Moved findings are new objects. What
  // is kept lies wholly before the region or after it: everything after its end moves.
  const after = oldRegionEnd + 1;
  const move = (f: Finding) => moveFinding(f, -1, after, delta);
  const moveSpan = (span: { start: number; end: number }) => (span.start >= after ? movedSpan(span, delta) : span);
  const nodes = orderedNodes(dump.root);
  const removed = rebuilt.flatMap(({ node }) => node.removeDescendants());
  const kept = removed.length ? withoutNodes(nodes, removed) : nodes;
  // Kept nodes before the region end before it (a node's span is its line): moving the whole
  // tree moves the same nodes. Before the lines are read again, whose nodes are made in new offsets.
  dump.root.moveAllOffsets(-1, after, delta);
  const lastDir = { path: '', node: undefined as XsNode | undefined };
  for (const line of cardLines) addFullLine(dump.root, line.text, line.start, lastDir);
  const added = rebuilt.flatMap(({ node }) => node.descendants());
  const ordered = added.length ? mergeInOrder(kept, added) : kept;
  nodesInOrder.set(dump.root, ordered);
  const newDump: XsDump = {
    ...dump,
    findings: movedFindings(dump.findings, move),
    comments: dump.comments.map((c) => ({ ...c, span: moveSpan(c.span) })),
    unreadable: dump.unreadable.map((u) => ({ ...u, span: moveSpan(u.span) })),
  };
  const { cards, replaced, fresh } = resolveAgain(previous, touched, text);
  const cardFindings = state.cardFindings.edited(-1, after, delta, fresh);
  const lines = old.lines.afterEdit(text, change.start, change.end, change.text);
  const analysis = assembleDump(text, lines, newDump, cards, cardFindings, previous.options);
  carryCardExtents(old, analysis, (x) => (x >= after ? x + delta : x), replaced, true);
  return { analysis, options: previous.options, dump: { cardFindings } };
}

/** The cards at `touched` resolved and validated again (their findings in `fresh`); the others kept. */
function resolveAgain(previous: EditableAnalysis, touched: readonly number[], text: TextSource) {
  const cards = previous.analysis.cards.slice();
  const replaced = new Map<ResolvedCard, ResolvedCard>();
  const fresh = new Map<number, Finding[]>();
  for (const i of touched) {
    cards[i] = resolveCards([cards[i].root], previous.options)[0];
    replaced.set(previous.analysis.cards[i], cards[i]);
    fresh.set(i, validateCard(cards[i], text, previous.options));
  }
  return { cards, replaced, fresh };
}

function isBelow(node: XsNode | undefined, directory: XsNode): boolean {
  for (let n = node; n; n = n.parent) if (n === directory) return true;
  return false;
}

function movedSpan(span: { start: number; end: number }, delta: number): { start: number; end: number } {
  return { start: span.start + delta, end: span.end + delta };
}

/*
 * The two helpers below keep the nodes of a 10 MB dump in document order across a line edit
 * without a pass over all of them in JavaScript (filtering 126,000 nodes through a Set and
 * sorting them again was two thirds of a line edit, and so was copying them one push at a
 * time): they find the nodes by binary search and move whole runs with splice. Both change the
 * list in place: it belongs to the analysis the edit consumes.
 */

/** Takes `removed` (those of them it holds) out of `nodes`, which is in document order. */
function withoutNodes(nodes: XsNode[], removed: readonly XsNode[]): XsNode[] {
  const drop: number[] = [];
  for (const node of removed) {
    const start = node.spanStart;
    for (let i = lowerBound(nodes, start); i < nodes.length && nodes[i].spanStart === start; i++) {
      if (nodes[i] === node) {
        drop.push(i);
        break;
      }
    }
  }
  drop.sort((a, b) => a - b);
  // Runs of consecutive indexes, last first (earlier indexes stay valid).
  for (let end = drop.length; end > 0;) {
    let first = end - 1;
    while (first > 0 && drop[first - 1] === drop[first] - 1) first--;
    nodes.splice(drop[first], end - first);
    end = first;
  }
  return nodes;
}

/** Puts `added` into `kept` (in document order) where a stable sort of both by start would. */
function mergeInOrder(kept: XsNode[], added: readonly XsNode[]): XsNode[] {
  const sorted = added.map((node) => ({ node, start: node.spanStart })).sort((a, b) => a.start - b.start);
  // After the kept nodes of the same start (offsets are integers).
  const at = sorted.map(({ start }) => lowerBound(kept, start + 1));
  // Runs going to the same place, last first.
  let merged = kept;
  for (let end = sorted.length; end > 0;) {
    let first = end - 1;
    while (first > 0 && at[first - 1] === at[first]) first--;
    const run = sorted.slice(first, end).map((s) => s.node);
    // A spread passes each node as an argument: fine for a card's lines, not for 100,000.
    if (run.length <= 1024) merged.splice(at[first], 0, ...run);
    else merged = merged.slice(0, at[first]).concat(run, merged.slice(at[first]));
    end = first;
  }
  return merged;
}

/** Index of the first node starting at or after `offset`. */
function lowerBound(nodes: XsNode[], offset: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid].spanStart < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** For each card directory and backend twin of a dump's tree, the cards reading it (card roots never change in place). */
const cardsByDirectory = new WeakMap<XsNode, Map<XsNode, number[]>>();

function cardsByDirectoryOf(root: XsNode, cards: readonly ResolvedCard[]): Map<XsNode, number[]> {
  let byDirectory = cardsByDirectory.get(root);
  if (!byDirectory) {
    const map = new Map<XsNode, number[]>();
    const add = (directory: XsNode | undefined, i: number) => {
      if (directory) map.set(directory, [...(map.get(directory) ?? []), i]);
    };
    cards.forEach((card, i) => {
      add(card.root.node, i);
      add(card.root.backend, i);
    });
    cardsByDirectory.set(root, map);
    byDirectory = map;
  }
  return byDirectory;
}

/** The cards that read a node: those whose directory or backend twin holds it. */
function cardsAbove(node: XsNode, root: XsNode, cards: readonly ResolvedCard[]): number[] {
  const byDirectory = cardsByDirectoryOf(root, cards);
  const touched: number[] = [];
  for (let n: XsNode | undefined = node; n; n = n.parent) touched.push(...(byDirectory.get(n) ?? []));
  return touched;
}

/** The findings moved by an edit: the same array when none moves. */
function movedFindings(findings: Finding[], move: (f: Finding) => Finding): Finding[] {
  for (let i = 0; i < findings.length; i++) {
    if (move(findings[i]) !== findings[i]) return findings.map(move);
  }
  return findings;
}

/** A finding of the previous text, at its place in the new one (the same object when nothing moves). */
function moveFinding(f: Finding, after: number, from: number, delta: number): Finding {
  if (delta === 0 || highestOffset(f) < Math.max(from, after + 1)) return f;
  return mapOffsets(f, (x) => (x >= from && x > after ? x + delta : x));
}
