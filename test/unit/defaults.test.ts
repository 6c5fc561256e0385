/** The defaults are written once (tables/defaults.ts); package.json's copies for VS Code must match. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULTS, SERVER_INFO } from '../../server/src/tables/defaults';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/lsp/settings';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;

test('package.json setting defaults are the tables\' defaults', () => {
  assert.equal(properties['sndif.domainId'].default, DEFAULTS.domid);
  assert.equal(properties['sndif.maxDocumentSize'].default, DEFAULTS.maxDocumentSize);
  assert.equal(properties['sndif.narrowingWarnings'].default, DEFAULTS.narrowingWarnings);
  assert.equal(properties['sndif.inlayHints.enabled'].default, DEFAULTS.inlayHints);
  assert.equal(properties['sndif.maxPcmDevices'].default, DEFAULTS.maxPcmDevices);
  assert.equal(properties['sndif.maxNumberOfProblems'].default, DEFAULTS.maxNumberOfProblems);
});

test('the server reports the package version', () => {
  assert.equal(SERVER_INFO.version, manifest.version);
});

test('settings the client leaves out fall back to the same defaults', () => {
  assert.deepEqual(normalizeSettings({}), DEFAULT_SETTINGS);
  assert.equal(DEFAULT_SETTINGS.domid, 1);
  assert.equal(DEFAULT_SETTINGS.maxDocumentSize, 64 * 1024 * 1024);
});
