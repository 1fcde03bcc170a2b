// A crash restores the terminal too: the dashboard's exit handlers, in a child process whose timer
// throws after it entered the alternate screen.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ROOT } from './tmuxApp.js';

const SCRIPT = `
import { enterFullScreen, installExitHandlers } from './src/ui/terminal.ts';
installExitHandlers(() => process.stdout.write('[driver stopped]'));
enterFullScreen();
setTimeout(() => { throw new Error('boom in a timer'); }, 10);
setTimeout(() => {}, 5000);
`;

test('an uncaught exception leaves the alternate screen, shows the cursor and explains, exit 70', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, KUBESIM_DEBUG: '' } });
  assert.equal(run.status, 70);
  assert.ok(run.stdout.startsWith('\x1b[?1049h'), 'entered the alternate screen');
  assert.ok(run.stdout.endsWith('[driver stopped]\x1b[?25h\x1b[?1049l'), `stopped the simulation, then cursor shown and alternate screen left: ${JSON.stringify(run.stdout)}`);
  assert.equal(
    run.stderr,
    'kubesim: the dashboard stopped because of an internal error: boom in a timer\nYour terminal has been restored. This is a bug in kubesim; please report it.\n',
  );
});
