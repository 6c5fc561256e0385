/**
 * When to push a document's diagnostics after it is opened or edited. Protocol-free, so the
 * rules below are unit-tested (test/unit/pushPacing.test.ts) without a clock.
 */

/**
 * Pause after the last edit before diagnostics are pushed: at least this, and five times what
 * the document's last push cost. A push holds the thread (converting and sending up to
 * maxNumberOfProblems diagnostics), so on a big document it must not land between the
 * keystrokes of someone typing: a push may take at most a fifth of the quiet it waits for.
 */
export const DIAGNOSTICS_DELAY_MS = 50;
export const MAX_DIAGNOSTICS_DELAY_MS = 1000;

/**
 * When the edits since the last analysis need a whole one (say, a key line half typed), the
 * push waits for a longer pause: each keystroke would stop that analysis, and its slices
 * would only hold up the hovers of someone still typing.
 */
export const WHOLE_ANALYSIS_DELAY_MS = 250;

export class PushPacing {
  /** The version each document was opened at, until it is edited. */
  private readonly openVersions = new Map<string, number>();
  /** What making the last diagnostics of each document cost (ms). */
  private readonly costs = new Map<string, number>();

  /** A document was opened: its diagnostics are made at once (the delay, 0). */
  opened(uri: string, version: number): number {
    this.openVersions.set(uri, version);
    this.costs.delete(uri);
    return 0;
  }

  /**
   * A document's content changed: the delay before its push, or undefined for the change
   * event that comes with opening it (vscode-languageserver's TextDocuments fires both for an
   * open), whose push opened() already scheduled: pacing it as an edit would hold the first
   * diagnostics of every document back by a typing pause.
   */
  changed(uri: string, version: number, needsWholeAnalysis: boolean): number | undefined {
    if (this.openVersions.get(uri) === version) return undefined;
    this.openVersions.delete(uri);
    const pace = Math.max(DIAGNOSTICS_DELAY_MS, 5 * (this.costs.get(uri) ?? 0));
    return Math.min(MAX_DIAGNOSTICS_DELAY_MS, needsWholeAnalysis ? Math.max(pace, WHOLE_ANALYSIS_DELAY_MS) : pace);
  }

  pushed(uri: string, costMs: number): void {
    this.costs.set(uri, costMs);
  }

  closed(uri: string): void {
    this.openVersions.delete(uri);
    this.costs.delete(uri);
  }
}
