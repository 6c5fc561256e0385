/** Rule documentation: every rule has a page, each example shows its rule, docs/rules is current. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_BY_CODE } from '../../server/src/tables/rules';
import { RULE_DOCS } from '../../server/src/tables/ruleDocs';
import { ruleIndex, rulePage } from '../../server/src/service/rulePage';
import { analyze } from '../../server/src/service/analyze';

const ROOT = join(__dirname, '..', '..', '..');
const DOCS = join(ROOT, 'docs', 'rules');

test('every rule of the catalogue has documentation, and nothing else has', () => {
  assert.deepEqual(Object.keys(RULE_DOCS).sort(), [...RULE_BY_CODE.keys()].sort());
  for (const [code, doc] of Object.entries(RULE_DOCS)) {
    assert.ok(doc.happens.length > 40 && doc.fix.length > 10 && doc.sources.length > 0, `${code}: docs incomplete`);
  }
});

test('each example triggers the rule it documents', () => {
  // Too large to show on a page; its behaviour is tested with a lowered limit in the unit suites.
  const withoutExample = Object.entries(RULE_DOCS).filter(([, d]) => !d.example).map(([code]) => code);
  assert.deepEqual(withoutExample, ['document-too-large']);
  for (const [code, doc] of Object.entries(RULE_DOCS)) {
    if (!doc.example) continue;
    const codes = analyze(doc.example.text, doc.example.language).findings.map((f) => f.rule.code);
    assert.ok(codes.includes(code), `${code}: its example gives ${JSON.stringify(codes)}`);
  }
});

test('checked-in docs/rules pages are the generated ones (npm run rule-docs)', () => {
  const pages = readdirSync(DOCS).filter((n) => n.endsWith('.md')).sort();
  assert.deepEqual(pages, [...[...RULE_BY_CODE.keys()].map((c) => `${c}.md`), 'README.md'].sort());
  for (const code of RULE_BY_CODE.keys()) assert.equal(readFileSync(join(DOCS, `${code}.md`), 'utf8'), rulePage(code), `docs/rules/${code}.md is stale`);
  assert.equal(readFileSync(join(DOCS, 'README.md'), 'utf8'), ruleIndex());
});

test('a page: title, summary, what happens, example, fix, source', () => {
  const page = rulePage('stream-type-missing')!;
  assert.match(page, /^# stream-type-missing\n\nA stream without `type`: the guest's card fails to probe \(-ENOENT\)\.\n\nSeverity: \*\*error\*\* · Effect: the guest's card fails to probe · In: xl.cfg and XenStore dumps\n\n## What happens\n/);
  assert.match(page, /## Example\n\n```xl-cfg\nvsnd = \[ \[ 'CARD, short-name=Main', 'PCM, name=Media', 'STREAM, unique-id=out' \] \]\n```\n\n## Fix\n\nAdd `type=p`/);
  assert.match(page, /## Source\n\n- Linux `sound\/xen\/xen_snd_front_cfg.c` \(`cfg_get_stream_type`\)\n/);
  assert.equal(rulePage('no-such-rule'), undefined);
});
