/** A document too large to resolve without freezing the editor: said once, at its start. */
import { explained, finding, Finding, RULES } from '../../tables/rules';

export function documentTooLarge(length: number, limit: number): Finding {
  return finding(RULES.documentTooLarge, { start: 0, end: 0 },
    explained(`Document too large (${(length / 1048576).toFixed(1)} MB): only its syntax is checked`,
      `The limit is ${(limit / 1048576).toFixed(0)} MB (setting sndif.maxDocumentSize).`));
}
