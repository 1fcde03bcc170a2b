// Terminal behaviour over a real terminal (tmux): 80x24 without overflow, resizes, no colour,
// and the terminal restored on every way out; plus the refusal to start without a terminal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { haveTmux, ROOT, TmuxApp } from './tmuxApp.js';

const apps: TmuxApp[] = [];
after(() => {
  for (const app of apps) app.stop();
});

function launch(options: ConstructorParameters<typeof TmuxApp>[0]): TmuxApp {
  const app = new TmuxApp(options).start();
  apps.push(app);
  return app;
}

/** Every row fits the width (lines that wrapped are joined back by tmux), and the frame leaves the last row alone. */
function assertFits(app: TmuxApp, cols: number, rows: number, view: string): void {
  const joined = app.joinedScreen().replace(/\n$/, '').split('\n');
  for (const line of joined) assert.ok([...line].length <= cols, `${view}: a line is ${[...line].length} columns wide (max ${cols}):\n${line}`);
  const screen = app.screen().replace(/\n$/, '').split('\n');
  assert.equal(screen.length, rows, `${view}: the screen has ${rows} rows`);
  assert.match(screen[0], /^kubesim\s/, `${view}: the header is on the first row (nothing scrolled):\n${screen.join('\n')}`);
  assert.equal(screen[rows - 1].trim(), '', `${view}: the last row stays free:\n${screen.join('\n')}`);
}

const SGR_COLOUR = /\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;5;\d+|38;2;[\d;]+)m/;

describe('terminal behaviour', { skip: !haveTmux() && 'tmux is not installed', concurrency: 3 }, () => {
  it('80x24: every view fits, the header stays on top and the last row is never drawn on', async () => {
    const app = launch({ cols: 80, rows: 24, args: ['-f', 'fixtures/manifests/web'] });
    await app.ready();
    await app.command('pods');
    await app.waitFor((s) => /Running/.test(s), 'pods to run', 20_000);
    assertFits(app, 80, 24, 'pods');
    await app.command('deploy');
    await app.waitFor((s) => /^>web\s+3\/3/m.test(s), 'deployments');
    assertFits(app, 80, 24, 'deployments');
    await app.key('s');
    await app.waitFor((s) => s.includes('scale deployment.apps/web to replicas:'), 'the scale question');
    assertFits(app, 80, 24, 'scale question');
    await app.key('Escape');
    await app.key('?');
    await app.waitFor((s) => s.includes('help'), 'help');
    assertFits(app, 80, 24, 'help');
    await app.key('Escape');
    await app.command('no');
    await app.waitFor((s) => s.includes('nodes['), 'nodes');
    await app.key('F');
    await app.waitFor((s) => s.includes('is down: its kubelet stopped posting status'), 'the node-down flash');
    assertFits(app, 80, 24, 'nodes with a two-row flash');
    await app.key('Enter');
    await app.waitFor((s) => /pods\(node-1\)/.test(s), 'pods of node-1');
    await app.key('d');
    await app.waitFor((s) => s.includes('describe Pod'), 'describe');
    assertFits(app, 80, 24, 'describe');
    await app.command('dec');
    await app.waitFor((s) => /decisions/.test(s), 'decisions');
    assertFits(app, 80, 24, 'decisions');
    await app.key('~');
    assertFits(app, 80, 24, 'decision log full screen');
    await app.key('~');
    await app.command('xray deploy');
    await app.waitFor((s) => /xray/i.test(s) && s.includes('web'), 'xray');
    assertFits(app, 80, 24, 'xray');
    await app.command('pulse');
    await app.waitFor((s) => /pulse/i.test(s), 'pulse');
    assertFits(app, 80, 24, 'pulse');
    await app.command('pods');
    await app.waitFor((s) => /^>web-\S+\s+1\/1\s+Running/m.test(s), 'the pods again');
    await app.key('l');
    await app.waitFor((s) => /logs/i.test(s) && !/^>web-/m.test(s), 'logs');
    assertFits(app, 80, 24, 'logs');
    await app.command('q');
    assert.equal(await app.exitCode(), 0);
  });

  it('re-lays out at once when the terminal is resized', async () => {
    const app = launch({ cols: 120, rows: 40, args: ['-f', 'fixtures/manifests/web'] });
    const wide = await app.ready();
    // The table's title rule spans the width.
    const rule = (screen: string) => screen.split('\n').find((l) => /─ \w+\(default\)\[\d+\] ─/.test(l)) ?? '';
    assert.equal([...rule(wide)].length, 120);
    await app.resize(80, 24);
    await app.waitFor((s) => [...rule(s)].length === 80, 'the table to take the new width');
    assertFits(app, 80, 24, 'after shrinking');
    await app.resize(120, 40);
    await app.waitFor((s) => [...rule(s)].length === 120, 'the table to grow again');
    assertFits(app, 120, 40, 'after growing');
    await app.key('C-c');
    assert.equal(await app.exitCode(), 0, 'ctrl-c quits cleanly');
    assert.equal(app.display('#{alternate_on}'), '0');
    assert.equal(app.display('#{cursor_flag}'), '1');
  });

  it('NO_COLOR=1 and TERM=dumb: no colour at all, and the selection still shows (the > marker)', async () => {
    const coloured = launch({ cols: 100, rows: 30 });
    const noColour = launch({ cols: 100, rows: 30, env: { NO_COLOR: '1' } });
    const dumb = launch({ cols: 100, rows: 30, env: { TERM: 'dumb' } });
    for (const app of [coloured, noColour, dumb]) await app.ready();
    for (const app of [coloured, noColour, dumb]) await app.command('no');
    const selected = (s: string) => /^>(\S+)\s+Ready/m.exec(s)?.[1];
    for (const app of [coloured, noColour, dumb]) await app.waitFor((s) => selected(s) !== undefined, 'the node list with a node selected');
    assert.match(coloured.styledScreen(), SGR_COLOUR, 'colours are on by default (so the check below can fail)');
    for (const [name, app] of [['NO_COLOR', noColour], ['TERM=dumb', dumb]] as const) {
      const styled = app.styledScreen();
      assert.doesNotMatch(styled, SGR_COLOUR, `${name}: no colour escapes`);
      const first = selected(app.screen());
      assert.ok(first, `${name}: the selected row is marked`);
      await app.key('j');
      await app.waitFor((s) => selected(s) !== undefined && selected(s) !== first, `${name}: the marker to follow the selection`);
    }
  });

  for (const [signal, code] of [['TERM', 143], ['HUP', 129]] as const) {
    it(`SIG${signal} leaves the alternate screen and shows the cursor`, async () => {
      const app = launch({ cols: 100, rows: 30 });
      await app.ready();
      assert.equal(app.display('#{alternate_on}'), '1', 'the dashboard draws on the alternate screen');
      assert.equal(app.display('#{cursor_flag}'), '0', 'with the cursor hidden');
      process.kill(app.appPid(), `SIG${signal}`);
      assert.equal(await app.exitCode(), code);
      assert.equal(app.display('#{alternate_on}'), '0');
      assert.equal(app.display('#{cursor_flag}'), '1');
    });
  }

  it('stdout not a terminal: the message, exit 1, no alternate screen', async () => {
    const app = launch({ cols: 100, rows: 30, pipe: '> /dev/null' });
    const code = await app.exitCode();
    const screen = app.screen();
    assert.equal(code, 1);
    assert.match(screen, /kubesim: the dashboard needs an interactive terminal/);
    assert.match(screen, /kubesim run -f FILE/);
    assert.doesNotMatch(screen, /^\s+at /m, 'no stack trace');
    assert.equal(app.display('#{alternate_on}'), '0');
  });
});

describe('without a terminal', () => {
  it('stdin not a terminal: the message on stderr, exit 1, no stack trace', () => {
    const run = spawnSync(process.execPath, ['bin/kubesim.js', '-f', 'fixtures/manifests/web'], { cwd: ROOT, input: '', encoding: 'utf8', env: { ...process.env, CI: 'false' }, timeout: 30_000 });
    assert.equal(run.status, 1);
    assert.equal(
      run.stderr,
      'kubesim: the dashboard needs an interactive terminal (stdin and stdout must be a TTY).\nTo simulate without one, use `kubesim run -f FILE --for 5m -o json`.\n',
    );
    assert.equal(run.stdout, '', 'nothing drawn, no escape sequences');
  });
});
