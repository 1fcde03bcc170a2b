import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import YAML from 'yaml';
import { main } from '../../src/cli/main.js';
import { keyOverrides } from '../../src/config/keyOverrides.js';
import { configDir, configFilePath, CONFIG_ENV } from '../../src/config/paths.js';
import { loadPreferences, savePreferences } from '../../src/config/preferences.js';
import { DEFAULT_PREFERENCES } from '../../src/config/schema.js';

let dir: string;
const NOW = new Date(Date.UTC(2026, 2, 4, 5, 6, 7));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubesim-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => join(dir, 'config.yaml');

test('a first start writes the defaults as YAML; saved preferences come back the next time', () => {
  const first = loadPreferences(dir, NOW);
  assert.deepEqual(first.preferences, DEFAULT_PREFERENCES);
  assert.deepEqual(first.warnings, []);
  assert.equal(first.path, file());
  assert.deepEqual(YAML.parse(readFileSync(file(), 'utf8')), DEFAULT_PREFERENCES);

  assert.equal(savePreferences(first, { lastView: 'deployments', lastNamespace: '', favouriteNamespaces: ['team-a', 'default'], speed: 10, logPaneHeight: 12, theme: 'monochrome' }), undefined);
  const second = loadPreferences(dir, NOW);
  assert.equal(second.preferences.lastView, 'deployments');
  assert.equal(second.preferences.lastNamespace, '');
  assert.deepEqual(second.preferences.favouriteNamespaces, ['team-a', 'default']);
  assert.equal(second.preferences.speed, 10);
  assert.equal(second.preferences.logPaneHeight, 12);
  assert.equal(second.preferences.theme, 'monochrome');
});

test('a corrupted file is moved aside with a warning and the defaults are used', () => {
  writeFileSync(file(), 'theme: [dark\nspeed: 10\n');
  const loaded = loadPreferences(dir, NOW);
  assert.deepEqual(loaded.preferences, DEFAULT_PREFERENCES);
  const aside = `${file()}.bak-20260304T050607Z`;
  assert.equal(loaded.warnings.length, 1);
  assert.match(loaded.warnings[0], new RegExp(`^preferences file ${file().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} could not be read \\(.+\\); it was moved to .*config\\.yaml\\.bak-20260304T050607Z and defaults are used$`));
  assert.equal(readFileSync(aside, 'utf8'), 'theme: [dark\nspeed: 10\n', 'the bad file is kept, not wiped');
  assert.deepEqual(YAML.parse(readFileSync(file(), 'utf8')), DEFAULT_PREFERENCES);
  assert.ok(loaded.store, 'the new file can be saved to');
});

test('a file with a value the schema refuses is moved aside too', () => {
  writeFileSync(file(), 'speed: 7\ntheme: sepia\n');
  const loaded = loadPreferences(dir, NOW);
  assert.match(loaded.warnings[0], /could not be read \(Config schema violation: .*\)/);
  assert.deepEqual(loaded.preferences, DEFAULT_PREFERENCES);
  assert.deepEqual(readdirSync(dir).sort(), ['config.yaml', 'config.yaml.bak-20260304T050607Z']);
});

test('key overrides: a rebound key stands for the tmux-clashing one; bad entries are reported, not applied', () => {
  writeFileSync(file(), 'keys:\n  ctrl-b: ctrl-u\n  ctrl-d: D\n');
  const loaded = loadPreferences(dir, NOW);
  assert.deepEqual(loaded.preferences.keys, { 'ctrl-b': 'ctrl-u', 'ctrl-d': 'D' });
  const keys = keyOverrides(loaded.preferences.keys);
  assert.deepEqual(keys.problems, []);
  const flags = { ctrl: false, meta: false, shift: false };
  assert.deepEqual(keys.translate('u', { ...flags, ctrl: true }), ['b', { ...flags, ctrl: true }]);
  assert.deepEqual(keys.translate('D', { ...flags, shift: true }), ['d', { ...flags, ctrl: true }]);
  assert.deepEqual(keys.translate('j', flags), ['j', flags], 'other keys pass through');
  assert.deepEqual(keys.translate('b', { ...flags, ctrl: true }), ['b', { ...flags, ctrl: true }], 'the original still works where it reaches kubesim');
  assert.deepEqual(keys.describe(), ['ctrl-u → ctrl-b', 'D → ctrl-d']);

  const bad = keyOverrides({ j: 'k', 'ctrl-f': 'ctrl-u', 'ctrl-b': 'ctrl-u' });
  assert.deepEqual(bad.problems, ['keys.j: only ctrl keys can be rebound (e.g. ctrl-b)', 'keys.ctrl-b: ctrl-u already stands for ctrl-f']);
  assert.deepEqual(bad.translate('u', { ...flags, ctrl: true }), ['f', { ...flags, ctrl: true }]);
  // The schema refuses a key that is not a key.
  writeFileSync(file(), 'keys:\n  ctrl-b: control-u\n');
  assert.match(loadPreferences(dir, NOW).warnings[0], /Config schema violation/);
});

test('KUBESIM_CONFIG_DIR decides where the file is; `kubesim config path` prints it', async () => {
  assert.equal(configDir({ [CONFIG_ENV]: dir }), dir);
  assert.equal(configDir({ XDG_CONFIG_HOME: '/x' }, 'linux'), '/x/kubesim');
  assert.equal(configFilePath({ [CONFIG_ENV]: dir }), join(dir, 'config.yaml'));
  const saved = process.env[CONFIG_ENV];
  process.env[CONFIG_ENV] = dir;
  try {
    let stdout = '';
    const code = await main(['config', 'path'], { stdout: (t) => void (stdout += t), stderr: () => {} });
    assert.equal(code, 0);
    assert.equal(stdout, `${join(dir, 'config.yaml')}\n`);
    assert.equal(existsSync(file()), false, 'printing the path creates nothing');
    let shown = '';
    assert.equal(await main(['config', 'show'], { stdout: (t) => void (shown += t), stderr: () => {} }), 0);
    assert.match(shown, /^# .*config\.yaml\nlastView: pods\n/);
    assert.equal(await main(['config', 'frob'], { stdout: () => {}, stderr: () => {} }), 2);
  } finally {
    if (saved === undefined) delete process.env[CONFIG_ENV];
    else process.env[CONFIG_ENV] = saved;
  }
});
