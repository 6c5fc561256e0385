/**
 * Defaults shared by analyze(), the language server's settings and the CLI, written once.
 * package.json's `contributes.configuration` repeats them for VS Code's settings editor;
 * test/unit/defaults.test.ts keeps the two equal.
 */
import { DEFAULT_MAX_PCM_DEVICES } from './sndif';

export const DEFAULTS = {
  /** Guest domain id for the XenStore paths of an xl.cfg (xl's usual first guest). */
  domid: 1,
  /** Backend domain id (dom0). */
  backendDomid: 0,
  /** Characters above which only the syntax is checked, so huge dumps never freeze the editor. */
  maxDocumentSize: 64 * 1024 * 1024,
  narrowingWarnings: true,
  inlayHints: true,
  /** PCM devices the guest reads per card: 8 without CONFIG_SND_DYNAMIC_MINORS (the Kconfig default). */
  maxPcmDevices: DEFAULT_MAX_PCM_DEVICES,
  /** Diagnostics published per document (errors first); `sndif lint` lists them all. */
  maxNumberOfProblems: 1000,
} as const;

/** What the language server tells clients in `serverInfo`; equal to package.json's version (tested). */
export const SERVER_INFO = { name: 'sndif-language-server', version: '0.1.0' } as const;
