// The dashboard end to end, in a real terminal (tmux): launch on a folder of manifests, follow the
// drill-down a k9s user knows, read describe and the decisions, quit, and find the terminal as it was.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { haveTmux, TmuxApp } from './tmuxApp.js';

describe('journey: :deploy → replicasets → pods → describe → decisions → :q', { skip: !haveTmux() && 'tmux is not installed' }, () => {
  let app: TmuxApp;
  before(() => {
    app = new TmuxApp({ cols: 100, rows: 30, args: ['-f', 'fixtures/manifests/web'] }).start();
  });
  after(() => app.stop());

  it('drills down from the deployment to its pods, describes one, shows its decisions and quits cleanly', async () => {
    await app.ready();
    await app.command('deploy');
    await app.waitFor((s) => s.includes('deployments(default)[1]') && /^>web\s+3\/3/m.test(s), 'the deployments view with web ready', 30_000);
    await app.key('Enter');
    const rs = await app.waitFor((s) => /replicasets\(web\)\[1\]/.test(s), 'the replica sets of web');
    const rsName = /^>(web-[a-z0-9]+)\s/m.exec(rs)?.[1];
    assert.ok(rsName, rs);
    await app.key('Enter');
    const pods = await app.waitFor((s) => s.includes(`pods(${rsName})[3]`), 'the pods of the replica set');
    const podName = /^>(web-[a-z0-9]+-[a-z0-9]+)\s/m.exec(pods)?.[1];
    assert.ok(podName, pods);
    assert.match(pods, /deployments\(default\) > replicasets\(web\) > pods\(web-/, 'the crumbs show the path');

    await app.key('d');
    await app.waitFor((s) => s.includes(`describe Pod default/${podName}`), 'describe');
    // Page through describe: it has the pod's Events and kubesim's Decisions.
    const seen: string[] = [app.screen()];
    for (let i = 0; i < 10 && !seen.join('\n').includes('Decisions:'); i++) {
      await app.key('C-f');
      seen.push(app.screen());
    }
    const text = seen.join('\n');
    assert.match(text, /^Events:/m);
    assert.match(text, /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/web-\S+ to/);
    assert.match(text, /^Decisions:/m);

    await app.key('Escape');
    await app.waitFor((s) => s.includes(`pods(${rsName})[3]`), 'back to the pods');
    await app.key('w');
    const why = await app.waitFor((s) => s.includes(`decisions about Pod default/${podName}`), 'the decisions about the pod');
    assert.match(why, /scheduler\s+default\/web-\S+\s+bound to node-\d/);

    await app.command('q');
    assert.equal(await app.exitCode(), 0);
    assert.equal(app.display('#{alternate_on}'), '0', 'the alternate screen is left');
    assert.equal(app.display('#{cursor_flag}'), '1', 'the cursor is visible again');
  });
});
