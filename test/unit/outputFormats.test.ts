/** CI output formats: SARIF 2.1.0 valid against the OASIS schema, GitHub workflow annotations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import { main } from '../../server/src/cli/main';
import { RULE_BY_CODE } from '../../server/src/tables/rules';
import { rulePage } from '../../server/src/service/rulePage';
import { escapeGithubData, escapeGithubProperty, formatGithub } from '../../server/src/cli/formats';
import { SERVER_INFO } from '../../server/src/tables/defaults';
const VERSION = SERVER_INFO.version;

const ROOT = join(__dirname, '..', '..', '..');

async function lint(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['lint', ...args], { out: (t) => { out += t; }, err: (t) => { err += t; }, stdin: async () => Buffer.from(stdin ?? ''), cwd: ROOT });
  return { code, out, err };
}

function validator() {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
  const compiled = new Ajv({ allErrors: true, strict: false }).compile(schema);
  // A plain boolean, so the log keeps its JSON type after the check.
  const validate = (data: unknown): boolean => compiled(data);
  return Object.assign(validate, { get errors() { return compiled.errors; } });
}

test('SARIF output is valid SARIF 2.1.0 (OASIS schema), with the catalogue as rule metadata', async () => {
  const r = await lint(['--format', 'sarif', 'examples/guest-mistakes.cfg', 'examples/xenstore-broken-f.txt', 'examples/guest-clean.cfg']);
  assert.equal(r.code, 1);
  const log = JSON.parse(r.out);
  const validate = validator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const run = log.runs[0];
  assert.equal(log.version, '2.1.0');
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.equal(run.tool.driver.version, VERSION);
  assert.deepEqual(run.tool.driver.rules.map((rule: { id: string }) => rule.id), [...RULE_BY_CODE.keys()]);
  const comma = run.tool.driver.rules.find((rule: { id: string }) => rule.id === 'vsnd-list-comma');
  assert.deepEqual(comma.shortDescription, { text: 'A `,` inside a list value, where xl needs `;`.' });
  assert.equal(comma.help.markdown, rulePage('vsnd-list-comma'));
  assert.deepEqual(comma.defaultConfiguration, { level: 'error' });
  assert.deepEqual(run.originalUriBaseIds['%SRCROOT%'], { uri: `${pathToFileURL(ROOT).href}/` });
  // The exact region of the first finding: `id=0` at line 10, columns 22-25 (end exclusive 26).
  assert.deepEqual(run.results[0], {
    ruleId: 'vsnd-invalid-param',
    ruleIndex: [...RULE_BY_CODE.keys()].indexOf('vsnd-invalid-param'),
    level: 'error',
    message: { text: 'Invalid parameter: id=0 (did you mean unique-id?)' },
    locations: [{ physicalLocation: { artifactLocation: { uri: 'examples/guest-mistakes.cfg', uriBaseId: '%SRCROOT%' }, region: { startLine: 10, startColumn: 22, endLine: 10, endColumn: 26 } } }],
  });
  for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
  const files = new Set(run.results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri));
  assert.deepEqual([...files], ['examples/guest-mistakes.cfg', 'examples/xenstore-broken-f.txt']);
  const warning = run.results.find((x: { ruleId: string }) => x.ruleId === 'list-blank');
  assert.equal(warning.level, 'warning');
});

test('SARIF: related locations for duplicates, stdin and clean runs stay valid', async () => {
  const validate = validator();
  const duplicate = "vsnd = [ [ 'CARD, short-name=A', 'PCM', 'STREAM, unique-id=x, type=p', 'STREAM, unique-id=x, type=c' ] ]\n";
  const r = await lint(['--format', 'sarif', '--stdin-filename', 'guests/a b.cfg', '-'], duplicate);
  const log = JSON.parse(r.out);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const result = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'unique-id-duplicate');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'guests/a%20b.cfg');
  assert.equal(result.relatedLocations.length, 1);
  assert.equal(result.relatedLocations[0].physicalLocation.region.startLine, 1);
  const clean = await lint(['--format', 'sarif', 'examples/guest-clean.cfg']);
  assert.equal(clean.code, 0);
  const cleanLog = JSON.parse(clean.out);
  assert.ok(validate(cleanLog));
  assert.deepEqual(cleanLog.runs[0].results, []);
  // The schema really checks: a broken log is refused.
  assert.equal(validate({ ...cleanLog, version: '2.0.0' }), false);
});

test('GitHub annotations: one workflow command per finding, level, position, title', async () => {
  const r = await lint(['--format', 'github', 'examples/guest-mistakes.cfg', 'examples/xenstore-broken-f.txt']);
  assert.equal(r.code, 1);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines[0], '::error file=examples/guest-mistakes.cfg,line=10,endLine=10,col=22,endColumn=25,title=sndif vsnd-invalid-param::Invalid parameter: id=0 (did you mean unique-id?)');
  assert.ok(lines.every((l) => /^::(error|warning|notice) file=[^,]+,line=\d+,endLine=\d+,col=\d+,(endColumn=\d+,)?title=sndif [a-z0-9-]+::[^\n]+$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('::warning file=examples/xenstore-broken-f.txt,line=5,endLine=5,col=47,')));
});

test('GitHub annotations escape the workflow command syntax', () => {
  assert.equal(escapeGithubData('50% done\r\nnext: a,b'), '50%25 done%0D%0Anext: a,b');
  assert.equal(escapeGithubProperty('dir,x/a:b%.cfg'), 'dir%2Cx/a%3Ab%25.cfg');
  const out = formatGithub([{
    name: 'odd,name:1.cfg',
    language: 'xl',
    findings: [{ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, severity: 'information', code: 'xl-syntax', enforcer: 'xl', message: 'two\nlines 100%', related: [] }],
  }]);
  assert.equal(out, '::notice file=odd%2Cname%3A1.cfg,line=1,endLine=3,col=1,title=sndif xl-syntax::two%0Alines 100%25\n');
});
