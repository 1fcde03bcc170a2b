#!/usr/bin/env node
// Runs every test: the typecheck, then node's test runner over test/**/*.test.ts(x) (Node 20 does not
// expand globs itself), and prints one closing summary line.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (/\.test\.tsx?$/.test(entry)) out.push(path);
  }
  return out.sort();
}

const only = process.argv.slice(2);
const files = only.length ? only : findTests('test');

if (!only.length) {
  const tsc = spawnSync('npx', ['tsc', '--noEmit'], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    console.log('0 passed, 1 failed: typecheck');
    process.exit(1);
  }
}

const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 256 * 1024 * 1024 },
);
const text = run.stdout.toString();
process.stdout.write(text);
const pass = Number(/^ℹ pass (\d+)/m.exec(text)?.[1] ?? 0);
const fail = Number(/^ℹ fail (\d+)/m.exec(text)?.[1] ?? 0);
console.log(`${pass} passed, ${fail} failed`);
process.exit(run.status === 0 && fail === 0 ? 0 : 1);
