/** A document too large to resolve without freezing the editor: said once, at its start. */
import { finding, Finding, RULES } from '../../tables/rules';

export function documentTooLarge(length: number, limit: number): Finding {
  return finding(RULES.documentTooLarge, { start: 0, end: 0 },
    `This document has ${(length / 1048576).toFixed(1)} MB, above the ${(limit / 1048576).toFixed(0)} MB limit (setting sndif.maxDocumentSize): only its syntax is checked`);
}
