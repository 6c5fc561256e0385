/** The `sndif` settings section, as the client sends it (workspace/configuration). */
import { RULES, type Severity } from '../tables/rules';
import { DEFAULTS } from '../tables/defaults';
import { isMaxPcmDevices, MaxPcmDevices } from '../tables/sndif';

export interface SndifSettings {
  /** Per-rule severity overrides: `{ "widens-parent": "information", "value-blank": "off" }`. */
  readonly severity: Record<string, Severity | 'off'>;
  /** Warn when a lower level widens its parent's range (the man page's "must narrow"). */
  readonly narrowingWarnings: boolean;
  readonly inlayHints: boolean;
  /** Codes silenced in every XenStore dump (dumps have no place for comments of their own). */
  readonly disabledRulesInDumps: string[];
  /** Guest domid used for the keys of an xl.cfg. */
  readonly domid: number;
  /** Characters above which only the syntax is checked. */
  readonly maxDocumentSize: number;
  /** PCM devices the guest kernel reads per card: 8, or 254 with CONFIG_SND_DYNAMIC_MINORS. */
  readonly maxPcmDevices: MaxPcmDevices;
  /** Diagnostics published per document, errors first; one note says how many more there are. */
  readonly maxNumberOfProblems: number;
}

export const DEFAULT_SETTINGS: SndifSettings = {
  severity: {},
  narrowingWarnings: DEFAULTS.narrowingWarnings,
  inlayHints: DEFAULTS.inlayHints,
  disabledRulesInDumps: [],
  domid: DEFAULTS.domid,
  maxDocumentSize: DEFAULTS.maxDocumentSize,
  maxPcmDevices: DEFAULTS.maxPcmDevices,
  maxNumberOfProblems: DEFAULTS.maxNumberOfProblems,
};

/** `domainId`, or `domid` as older settings named it. */
function domainId(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function normalizeSettings(raw: unknown): SndifSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const severity: Record<string, Severity | 'off'> = {};
  if (r.severity && typeof r.severity === 'object') {
    for (const [code, value] of Object.entries(r.severity as Record<string, unknown>)) {
      if (value === 'error' || value === 'warning' || value === 'information' || value === 'hint' || value === 'off') severity[code] = value;
    }
  }
  const inlay = r.inlayHints;
  return {
    severity,
    narrowingWarnings: typeof r.narrowingWarnings === 'boolean' ? r.narrowingWarnings : DEFAULT_SETTINGS.narrowingWarnings,
    inlayHints: typeof inlay === 'boolean' ? inlay : inlay && typeof inlay === 'object' && typeof (inlay as { enabled?: unknown }).enabled === 'boolean'
      ? (inlay as { enabled: boolean }).enabled : DEFAULT_SETTINGS.inlayHints,
    disabledRulesInDumps: Array.isArray(r.disabledRulesInDumps) ? r.disabledRulesInDumps.filter((c): c is string => typeof c === 'string') : [],
    domid: domainId(r.domainId) ?? domainId(r.domid) ?? DEFAULT_SETTINGS.domid,
    maxDocumentSize: typeof r.maxDocumentSize === 'number' && r.maxDocumentSize > 0 ? r.maxDocumentSize : DEFAULT_SETTINGS.maxDocumentSize,
    maxPcmDevices: isMaxPcmDevices(r.maxPcmDevices) ? r.maxPcmDevices : DEFAULT_SETTINGS.maxPcmDevices,
    maxNumberOfProblems: typeof r.maxNumberOfProblems === 'number' && Number.isInteger(r.maxNumberOfProblems) && r.maxNumberOfProblems >= 0
      ? r.maxNumberOfProblems : DEFAULT_SETTINGS.maxNumberOfProblems,
  };
}

const SEVERITY_VALUES = ['error', 'warning', 'information', 'hint', 'off'] as const;

/**
 * The JSON schema of `sndif.severity` in package.json, generated from the rule catalogue (one
 * source): every rule code a property with its summary and default, so VS Code completes and
 * checks them (`npm run settings` writes it; a unit test keeps it current).
 */
export function severitySchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const rule of Object.values(RULES).sort((a, b) => a.code.localeCompare(b.code))) {
    properties[rule.code] = {
      type: 'string',
      enum: [...SEVERITY_VALUES],
      markdownDescription: `${rule.summary} Default: \`${rule.severity}\`.`,
    };
  }
  return {
    type: 'object',
    default: {},
    markdownDescription: 'Severity per rule code, e.g. `{ "widens-parent": "information", "value-blank": "off" }`. `sndif rules` lists the codes.',
    properties,
    additionalProperties: false,
  };
}
