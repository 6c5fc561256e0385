/**
 * "Open Live XenStore": on a Xen host (dom0, for example over Remote-SSH) run `xenstore-ls -f`,
 * for the whole store or one domain's path, and open its output as a xenstore document so the
 * language server checks the vsnd cards the guests really get. It runs a program, so only in
 * a trusted workspace and only where the extension host is Node (never in the browser).
 */
import * as vscode from 'vscode';

export const OPEN_LIVE_XENSTORE = 'sndif.openLiveXenStore';
const TOOL = 'xenstore-ls';
const TIMEOUT_MS = 30_000;
const MAX_OUTPUT = 256 * 1024 * 1024;

/** What happened, for the caller (tests, keybindings): the document or the message shown. */
export type LiveResult = { document: vscode.TextDocument } | { error: string };

const isNodeHost = () => typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** A domain id or a XenStore path, as typed or passed; undefined for the whole store. */
export function livePath(input: string): string | undefined | Error {
  const text = input.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text) && Number(text) <= 0x7fef) return `/local/domain/${Number(text)}`;
  if (/^\/[A-Za-z0-9@_/.-]*$/.test(text)) return text.replace(/(.)\/+$/, '$1');
  return new Error('Give a domain id (e.g. 1) or a XenStore path (e.g. /local/domain/1/device/vsnd).');
}

interface Run { stdout: string; stderr: string; error?: { code?: string | number | null; killed?: boolean } }

function runTool(args: string[]): Promise<Run> {
  // Loaded only here: the module exists only where the extension host is Node.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execFile } = require('node:child_process') as typeof import('node:child_process');
  return new Promise((resolve) => {
    execFile(TOOL, args, { timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, error: error ?? undefined });
    });
  });
}

/** The message for a failed run: missing tool, no permission, or what the tool said. */
export function failureMessage(run: Run, path: string | undefined): string {
  const said = run.stderr.trim().split('\n')[0] ?? '';
  if (run.error?.code === 'ENOENT') {
    return `${TOOL} is not on PATH. Run this on a Xen host (dom0), for example over Remote-SSH; Debian and Ubuntu ship it in the package xenstore-utils.`;
  }
  if (run.error?.code === 'EACCES' || /permission denied|EACCES|EPERM/i.test(said)) {
    return `${TOOL} was denied access to XenStore${said ? ` (${said})` : ''}. XenStore is readable by root in dom0: open the remote session as root or run VS Code with sudo rights.`;
  }
  if (run.error?.killed) return `${TOOL} did not finish within ${TIMEOUT_MS / 1000} s.`;
  return `${TOOL}${path ? ` ${path}` : ''} failed${said ? `: ${said}` : ` (exit code ${String(run.error?.code ?? '?')})`}.`;
}

async function openLive(argument: unknown): Promise<LiveResult> {
  if (!isNodeHost()) return { error: 'Open Live XenStore needs a desktop or remote VS Code: the browser cannot run xenstore-ls.' };
  if (!vscode.workspace.isTrusted) return { error: 'Open Live XenStore runs xenstore-ls, so it works only in a trusted workspace.' };
  let input = typeof argument === 'string' ? argument : undefined;
  if (input === undefined) {
    input = await vscode.window.showInputBox({
      title: 'Open Live XenStore',
      prompt: 'A domain id or XenStore path to list, or nothing for the whole store (xenstore-ls -f)',
      placeHolder: 'e.g. 1 or /local/domain/1/device/vsnd',
      validateInput: (text) => {
        const path = livePath(text);
        return path instanceof Error ? path.message : undefined;
      },
    });
    if (input === undefined) return { error: 'cancelled' };
  }
  const path = livePath(input);
  if (path instanceof Error) return { error: path.message };
  const run = await runTool(path ? ['-f', path] : ['-f']);
  if (run.error) return { error: failureMessage(run, path) };
  if (!run.stdout.trim()) return { error: `${TOOL} -f${path ? ` ${path}` : ''} printed nothing.` };
  const stamp = new Date().toISOString().slice(11, 19).replace(/:/g, '');
  const name = `xenstore-ls${path ? path.replace(/\//g, '-') : ''}-${stamp}.xenstore`;
  // An untitled document: checked by the language server, and saved only if the user wants a snapshot.
  const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: name }));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(0, 0), run.stdout);
  await vscode.workspace.applyEdit(edit);
  const typed = document.languageId === 'xenstore' ? document : await vscode.languages.setTextDocumentLanguage(document, 'xenstore');
  await vscode.window.showTextDocument(typed, { preview: false });
  return { document: typed };
}

export function registerLiveXenStore(): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_LIVE_XENSTORE, async (argument?: unknown): Promise<LiveResult> => {
    const result = await openLive(argument);
    if ('error' in result && result.error !== 'cancelled') void vscode.window.showErrorMessage(result.error);
    return result;
  });
}
