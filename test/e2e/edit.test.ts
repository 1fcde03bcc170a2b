// `e` in a real terminal: the dashboard hands the terminal to $EDITOR (here a sed script, so it runs
// unattended), takes it back, repaints, then validates what was saved: a bad edit is refused with
// file, line and field, a good one applied.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { haveTmux, TmuxApp } from './tmuxApp.js';

describe('edit in $EDITOR', { skip: !haveTmux() && 'tmux is not installed' }, () => {
  let app: TmuxApp;
  after(() => app?.stop());

  it('refuses a bad edit, applies a good one, and the screen comes back whole', async () => {
    const editor = `sed -i -e 's/^  replicas: 3$/  replicas: -1/' -e 's/^  replicas: 5$/  replicas: 4/'`;
    app = new TmuxApp({ cols: 100, rows: 30, args: ['-f', 'fixtures/manifests/web'], env: { EDITOR: editor } }).start();
    await app.ready();
    await app.command('deploy');
    await app.waitFor((s) => /^>web\s+3\/3/m.test(s), 'web to be ready');

    await app.key('e');
    const refused = await app.waitFor((s) => s.includes('deployment-web.yaml:'), 'the refusal');
    assert.match(refused.replace(/\n\s*/g, ' '), /✗ deployment-web\.yaml:\d+:\d+: Deployment default\/web: spec\.replicas: Invalid value: -1: must be greater than or equal to 0/);
    assert.match(refused, /^kubesim\s/, 'repainted from the top after the editor');
    assert.match(refused, /^>web\s+3\/3/m, 'nothing changed');
    assert.equal(app.display('#{alternate_on}'), '1', 'back on the alternate screen');

    await app.key('s');
    await app.key('BSpace');
    await app.key('5');
    await app.key('Enter');
    await app.waitFor((s) => s.includes('deployment.apps/web scaled'), 'the scale');
    await app.key('e');
    await app.waitFor((s) => s.includes('deployment.apps/web edited'), 'the edit applied');
    await app.waitFor((s) => /^>web\s+\d\/4\s/m.test(s), 'the table to show 4 replicas');

    await app.command('q');
    assert.equal(await app.exitCode(), 0);
    assert.equal(app.display('#{alternate_on}'), '0');
  });
});
