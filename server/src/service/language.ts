/** Which of the two languages a document is, from its name and, failing that, its content. */
export type SndifLanguage = 'xl' | 'xenstore';

function languageFromId(id: string | undefined): SndifLanguage | undefined {
  if (!id) return undefined;
  if (id === 'xl-cfg' || id === 'xl' || id === 'xlcfg') return 'xl';
  if (id === 'xenstore' || id === 'xenstore-ls') return 'xenstore';
  return undefined;
}

export function languageFromName(name: string | undefined): SndifLanguage | undefined {
  if (!name) return undefined;
  const base = name.replace(/^.*[\\/]/, '').toLowerCase();
  if (/^xenstore.*\.txt$/.test(base) || base.endsWith('.xenstore') || base.endsWith('.xsdump')) return 'xenstore';
  if (base.endsWith('.xl') || base.endsWith('.xl.cfg') || base === 'xl.cfg') return 'xl';
  return undefined;
}

const DUMP_LINE = /^(?: *[A-Za-z0-9@_.-]+|\/[^ ]*) = "|^ *[A-Za-z0-9@_.-]+:(?: |$)|^xenstore-ls: /;
const XL_LINE = /^[a-z][._0-9a-z]*\s*\+?=\s*(?:['[0-9]|"[^"]*"\s*(?:#.*)?$)/;

/** Decide from the content: a XenStore dump is recognised by its lines. */
function languageFromContent(text: string): SndifLanguage {
  let dump = 0;
  let xl = 0;
  let seen = 0;
  for (const raw of text.split(/\r?\n/, 400)) {
    const line = raw.replace(/^\ufeff/, '');
    if (!line.trim() || line.startsWith('#')) continue;
    seen++;
    if (/^\s*['[\]]/.test(line)) xl += 2;
    else if (line.startsWith('/') || /^ +[A-Za-z0-9@_.-]+ = "/.test(line) || /^[A-Za-z0-9@_.]*-[A-Za-z0-9@_.-]* = "/.test(line)) dump += 2;
    else if (XL_LINE.test(line)) xl++;
    else if (DUMP_LINE.test(line)) dump++;
  }
  return seen > 0 && dump > xl ? 'xenstore' : 'xl';
}

export function detectLanguage(options: { languageId?: string; fileName?: string; text: string }): SndifLanguage {
  return languageFromId(options.languageId) ?? languageFromName(options.fileName) ?? languageFromContent(options.text);
}
