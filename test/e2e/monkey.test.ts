// The monkey in a real terminal: bin/kubesim.js in tmux (CI=false) gets batches of random keys and
// escape sequences as pastes (`send-keys -l`), named keys, and resizes to 20x5 and back. It must
// still be running and drawing afterwards, quit on ctrl-c, and leave the terminal as it found it:
// the alternate screen off, the cursor shown, exit code 0.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { SeededRandom } from '../../src/sim/random.js';
import { haveTmux, TmuxApp } from './tmuxApp.js';

const apps: TmuxApp[] = [];
after(() => {
  for (const app of apps) app.stop();
});

const NAMED = ['Up', 'Down', 'Left', 'Right', 'PageUp', 'PageDown', 'Home', 'End', 'Tab', 'BTab', 'BSpace', 'Escape', 'Enter', 'F1', 'F5', 'F12', 'DC', 'IC', 'C-a', 'C-b', 'C-d', 'C-e', 'C-f', 'C-k', 'C-l', 'C-u', 'C-w', 'C-z', 'M-x', 'S-Up', 'C-Right'];
const PIECES = ['j', 'k', 'd', 'y', 'x', 'l', 'w', '`', '~', '{', '}', '0', '1', '/', ':', '?', '<', '>', '.', ' ', 'g', 'G', 'e', 'a', 's', 'i', 'F', 'R', 'n', 'N'];
const ODD = ['\u001b[200~paste\u001b[201~', '\u001b[<0;5;5M', '\u001b[999;999R', '\u001bOP', '💥', 'é', '\u202e', 'x'.repeat(300), ':deploy\r', ':xray deploy\r', ':pulse\r', ':can jane\r', ':decisions\r', ':bogus\r', '/web\r', ':po\r'];

describe('monkey in a real terminal', { skip: !haveTmux() && 'tmux is not installed' }, () => {
  it('random pastes, named keys and resizes to 20x5: still drawing, and the terminal is restored on quit', async () => {
    const app = new TmuxApp({ cols: 100, rows: 30, env: { CI: 'false', EDITOR: 'false' } }).start();
    apps.push(app);
    await app.ready();
    const r = new SeededRandom(5);
    const pick = <T>(items: readonly T[]): T => items[r.int(items.length)]!;
    for (let round = 0; round < 60; round++) {
      const roll = r.int(10);
      if (roll < 5) {
        // A batch of random printable keys and odd sequences, sent as one paste.
        let batch = '';
        for (let i = 0, n = 1 + r.int(12); i < n; i++) batch += r.int(4) ? pick(PIECES) : pick(ODD);
        app.sendLiteral(batch);
      } else if (roll < 9) app.sendKey(pick(NAMED));
      else await app.resize(...(r.int(2) ? [20, 5] : [100, 30]) as [number, number]);
      await delay(40);
    }
    await app.resize(20, 5);
    await delay(300);
    // At 20x5 every row fits the width and nothing is drawn on the last row.
    const small = app.screen().replace(/\n$/, '').split('\n');
    assert.equal(small.length, 5);
    for (const line of small) assert.ok([...line].length <= 20, `a row wider than 20 columns: ${line}`);
    assert.equal(small[4]!.trim(), '', `the last row stays free at 20x5:\n${small.join('\n')}`);
    await app.resize(100, 30);
    await app.key('Escape');
    await app.key('Escape');
    await app.key('Escape');
    // Still alive and drawing: the pods page answers a command.
    await app.command('po');
    await app.waitFor((s) => /pods\(/.test(s), 'the pods page after the monkey', 20_000);
    assert.equal(app.display('#{alternate_on}'), '1', 'the dashboard is on the alternate screen while it runs');
    await app.key('C-c');
    assert.equal(await app.exitCode(), 0);
    assert.equal(app.display('#{alternate_on}'), '0', 'the alternate screen is left on exit');
    assert.equal(app.display('#{cursor_flag}'), '1', 'the cursor is shown again');
    assert.doesNotMatch(app.joinedScreen(), /at .+\.(ts|js):\d+:\d+|internal error/, 'no stack trace on the terminal');
  });
});
