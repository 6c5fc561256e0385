/**
 * Rule documentation in the editor, as ESLint does it: each of our diagnostics links its rule's
 * page (Diagnostic.codeDescription) and gets a "Show documentation for CODE" code action. The
 * client says where the pages are and which of its commands shows one (initializationOptions
 * `ruleDocumentation: { baseUri, command }`); the page itself comes from the server command
 * `sndif.ruleDocumentation` (arguments: [code]), which returns its Markdown.
 */
import { CodeAction, CodeActionKind, Diagnostic } from 'vscode-languageserver';
import { rulePage } from '../../service/rulePage';
import { RULE_BY_CODE } from '../../tables/rules';

export const RULE_DOCUMENTATION_COMMAND = 'sndif.ruleDocumentation';

export interface RuleDocumentationClient {
  /** Where CODE.md pages are, ending in `/` (the extension's docs/rules folder). */
  readonly baseUri?: string;
  /** The client command that shows a page, called with [code]. */
  readonly command?: string;
}

export function ruleDocumentationClient(initializationOptions: unknown): RuleDocumentationClient {
  const raw = (initializationOptions as { ruleDocumentation?: unknown } | null | undefined)?.ruleDocumentation;
  if (!raw || typeof raw !== 'object') return {};
  const { baseUri, command } = raw as Record<string, unknown>;
  return {
    baseUri: typeof baseUri === 'string' ? baseUri.replace(/\/?$/, '/') : undefined,
    command: typeof command === 'string' && command ? command : undefined,
  };
}

const ourCode = (d: Diagnostic): string | undefined =>
  d.source === 'sndif' && typeof d.code === 'string' && RULE_BY_CODE.has(d.code) ? d.code : undefined;

/** Diagnostic.codeDescription: the rule's page, when the client said where the pages are. */
export function linkRuleDocumentation(diagnostics: Diagnostic[], client: RuleDocumentationClient): Diagnostic[] {
  if (!client.baseUri) return diagnostics;
  for (const d of diagnostics) {
    const code = ourCode(d);
    if (code) d.codeDescription = { href: `${client.baseUri}${code}.md` };
  }
  return diagnostics;
}

/** One "Show documentation for CODE" per rule among the diagnostics asked about. */
export function ruleDocumentationActions(diagnostics: readonly Diagnostic[], client: RuleDocumentationClient): CodeAction[] {
  if (!client.command) return [];
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const code = ourCode(d);
    if (code) byCode.set(code, [...(byCode.get(code) ?? []), d]);
  }
  return [...byCode].map(([code, list]) => ({
    title: `Show documentation for ${code}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: list,
    command: { title: `Show documentation for ${code}`, command: client.command!, arguments: [code] },
  }));
}

/** The server command: the page's Markdown, or null for an unknown code. */
export function ruleDocumentation(args: readonly unknown[] | undefined): string | null {
  const code = args?.[0];
  return typeof code === 'string' ? rulePage(code) ?? null : null;
}
