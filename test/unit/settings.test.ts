/** The settings VS Code shows: generated from the rule catalogue, titled in words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSettings, severitySchema } from '../../server/src/lsp/settings';
import { RULE_BY_CODE } from '../../server/src/tables/rules';
import { ROOT } from '../lspClient';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const properties = pkg.contributes.configuration.properties as Record<string, { markdownDeprecationMessage?: string }>;

test('sndif.severity in package.json is the one the catalogue generates (npm run settings)', () => {
  assert.deepEqual(properties['sndif.severity'], severitySchema());
});

test('sndif.severity offers every rule code, and only those', () => {
  const schema = severitySchema() as { properties: Record<string, { enum: string[] }>; additionalProperties: boolean };
  assert.deepEqual(Object.keys(schema.properties).sort(), [...RULE_BY_CODE.keys()].sort());
  assert.deepEqual(schema.properties['widens-parent'].enum, ['error', 'warning', 'information', 'hint', 'off']);
  assert.equal(schema.additionalProperties, false);
});

test('setting titles read like words (VS Code titles them from the camelCase key)', () => {
  const title = (key: string) => key.replace(/^sndif\./, '').split('.').map((part) =>
    part.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase())).join(': ');
  const current = Object.keys(properties).filter((k) => !properties[k].markdownDeprecationMessage).map(title);
  assert.deepEqual(current, ['Severity', 'Narrowing Warnings', 'Inlay Hints: Enabled', 'Disabled Rules In Dumps', 'Domain Id', 'Max Pcm Devices', 'Max Document Size', 'Max Number Of Problems']);
});

test('sndif.domainId, with the older sndif.domid still read', () => {
  assert.equal(normalizeSettings({ domainId: 4 }).domid, 4);
  assert.equal(normalizeSettings({ domid: 3 }).domid, 3);
  assert.equal(normalizeSettings({ domainId: 5, domid: 3 }).domid, 5);
  assert.equal(normalizeSettings({}).domid, 1);
});
