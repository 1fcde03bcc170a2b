// Scripts whose loops print nothing (`while true; do sleep 3600; done`, `while :; do :; done`) once
// made reading their logs hang for good: the shell run never handed back a step. Every check runs in
// a child process with a time limit, so a regression fails here instead of hanging the test run.
// The same file is the child: with KUBESIM_SILENT_LOOP_CHECK set it runs that check and prints JSON.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Container, Pod } from '../../src/api/types.js';
import { parseImageRef, type ImageRef } from '../../src/sim/imageRef.js';
import { buildProgram } from '../../src/sim/program.js';
import { SILENT_ITERATIONS_PER_STEP, SILENT_WAIT_STEP_MS, type ShellEnd, type ShellStep } from '../../src/sim/shellRun.js';
import { openCluster } from '../../src/state/openCluster.js';

const CHECK_ENV = 'KUBESIM_SILENT_LOOP_CHECK';
const CHILD_TIMEOUT_MS = 120_000;
const STEPS_READ = 40;

interface ProgramReport {
  script: string;
  summary: string;
  endsOnItsOwn: boolean;
  steps: ShellStep[];
  end?: ShellEnd | void;
}

interface ClusterReport {
  pods: Array<{ name: string; phase?: string; restarts: number; running: boolean }>;
  logs: string[];
  followed: string[];
  followEnded: boolean;
  logsLater: string[];
}

// ---- the child -------------------------------------------------------------------------------

function busybox(): ImageRef {
  const r = parseImageRef('busybox:1.37');
  if ('error' in r) throw new Error(r.error);
  return r;
}

function readProgram(script: string): ProgramReport {
  const container = { name: 'c', image: 'busybox:1.37', command: ['sh', '-c', script] } as Container;
  const program = buildProgram(container, busybox(), { env: {}, hostname: 'p', podIP: '10.244.0.9', startEpochMs: Date.UTC(2026, 0, 1), cpuCount: 2 });
  const it = program.run();
  const steps: ShellStep[] = [];
  for (let i = 0; i < STEPS_READ; i++) {
    const r = it.next();
    if (r.done) return { script, summary: program.summary, endsOnItsOwn: !!program.end, steps, end: r.value };
    steps.push(r.value);
  }
  return { script, summary: program.summary, endsOnItsOwn: !!program.end, steps };
}

function batchCluster(): ClusterReport {
  // What `kubesim run -f priorities.yaml -f batch.yaml --for 1m` builds (batch's priority class
  // `low` is defined next to it), then the pod's logs, read and followed.
  const { cluster } = openCluster({ files: ['fixtures/scenarios/scheduling/priorities.yaml', 'fixtures/scenarios/scheduling/batch.yaml'], seed: 1, nodes: 3 });
  cluster.advance(60_000);
  const batch = () => cluster.store.list<Pod>('Pod').filter((p) => p.metadata.name!.startsWith('batch-'));
  const name = batch()[0].metadata.name!;
  const logs = cluster.kubelets.logs('default', name);
  const followed: string[] = [];
  let followEnded = false;
  const stop = cluster.kubelets.followLogs('default', name, undefined, {}, (line) => followed.push(line), () => (followEnded = true));
  cluster.advance(2 * 3600_000);
  stop();
  const logsLater = cluster.kubelets.logs('default', name);
  const pods = batch().map((p) => {
    const s = p.status?.containerStatuses?.[0];
    return { name: p.metadata.name!, phase: p.status?.phase, restarts: s?.restartCount ?? 0, running: !!s?.state?.running };
  });
  return { pods, logs, followed, followEnded, logsLater };
}

function runChild(check: string): void {
  const request = JSON.parse(check) as { kind: 'programs'; scripts: string[] } | { kind: 'cluster' };
  const result = request.kind === 'programs' ? request.scripts.map(readProgram) : batchCluster();
  process.stdout.write(JSON.stringify(result));
}

// ---- the tests -------------------------------------------------------------------------------

function inChild<T>(request: object): T {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, [CHECK_ENV]: JSON.stringify(request) },
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.notEqual(r.signal, 'SIGTERM', `the check did not finish in ${CHILD_TIMEOUT_MS / 1000}s: reading the run hangs`);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
}

function byScript(scripts: string[]): Map<string, ProgramReport> {
  return new Map(inChild<ProgramReport[]>({ kind: 'programs', scripts }).map((r) => [r.script, r]));
}

const FIXED_POINT = [
  'while true; do sleep 3600; done',
  'while true; do :; done',
  'while :; do :; done',
  'while true; do true; done',
  'while true; do sleep 0; done',
  'until false; do :; done',
  'until false; do sleep 10; done',
  'while ! false; do sleep 1; done',
  'while true; do false; done',
  'while true; do while true; do sleep 5; done; done',
  'echo started; while true; do sleep 3600; done',
];

const CHANGING = [
  'i=0; while true; do i=$((i+1)); sleep 3600; done',
  'i=0; while :; do i=$((i+1)); done',
  'while true; do for i in 1 2 3; do sleep 1; done; done',
  'while true; do x=$(date); done',
  'until false; do for i in a b; do :; done; done',
  'while [ ! -f /tmp/never ]; do sleep 1; done',
];

if (process.env[CHECK_ENV]) {
  runChild(process.env[CHECK_ENV]!);
} else {
  describe('silent loops in container scripts', () => {
    it('an endless loop that prints nothing and changes nothing ends the run with forever; the container still never exits', () => {
      const reports = byScript(FIXED_POINT);
      for (const script of FIXED_POINT) {
        const r = reports.get(script)!;
        assert.ok(r.end, `${script}: the run ends instead of spinning`);
        assert.equal(r.end.kind, 'forever', script);
        assert.match(r.end.why, /loops forever without output/, script);
        assert.equal(r.endsOnItsOwn, false, `${script}: runs until stopped`);
        assert.match(r.summary, /^runs until stopped: /, script);
      }
      assert.deepEqual(reports.get('echo started; while true; do sleep 3600; done')!.steps, [{ kind: 'line', at: 0, text: 'started' }]);
      // One iteration is enough to see the fixed point; `false` changes `$?` once, so two.
      assert.equal(reports.get('while true; do sleep 3600; done')!.end!.at, 3600_000);
      assert.equal(reports.get('while true; do false; done')!.end!.at, 2 * 100);
    });

    it('a silent loop that keeps changing state hands back a wait step at least once a simulated minute', () => {
      const reports = byScript(CHANGING);
      for (const script of CHANGING) {
        const r = reports.get(script)!;
        assert.equal(r.end, undefined, `${script}: still running after ${STEPS_READ} steps`);
        assert.equal(r.steps.length, STEPS_READ, script);
        assert.ok(r.steps.every((s) => s.kind === 'wait'), script);
        assert.equal(r.endsOnItsOwn, false, script);
        const ats = r.steps.map((s) => s.at);
        for (let i = 1; i < ats.length; i++) assert.ok(ats[i] > ats[i - 1], `${script}: time moves on at each step`);
      }
      // Each sleep of an hour is its own step, at the time the sleep ends.
      assert.deepEqual(reports.get(CHANGING[0])!.steps.slice(0, 3), [1, 2, 3].map((h) => ({ kind: 'wait', at: h * 3600_000 })));
      // A busy loop takes 100 ms an iteration: one step per simulated minute.
      assert.deepEqual(reports.get(CHANGING[1])!.steps.slice(0, 2), [1, 2].map((m) => ({ kind: 'wait', at: m * SILENT_WAIT_STEP_MS })));
      assert.equal(reports.get(CHANGING[2])!.steps[0].at, SILENT_WAIT_STEP_MS);
    });

    it('a for loop that takes no time still hands back control every few iterations, then ends', () => {
      const script = `for i in $(seq 1 ${SILENT_ITERATIONS_PER_STEP * 2 + 5}); do :; done; echo done`;
      const r = byScript([script]).get(script)!;
      assert.deepEqual(r.steps, [{ kind: 'wait', at: 0 }, { kind: 'wait', at: 0 }, { kind: 'line', at: 0, text: 'done' }]);
      assert.deepEqual(r.end, { kind: 'exit', at: 0, code: 0 });
    });

    it('loops that print are unchanged, and a sleeping condition takes its own time only', () => {
      const scripts = ['while true; do echo tick; sleep 1; done', 'while sleep 5; do echo tick; done', 'for i in 1 2 3; do echo $i; sleep 2; done'];
      const r = byScript(scripts);
      assert.deepEqual(r.get(scripts[0])!.steps.slice(0, 3), [0, 1000, 2000].map((at) => ({ kind: 'line', at, text: 'tick' })));
      assert.deepEqual(r.get(scripts[1])!.steps.slice(0, 3), [5000, 10_000, 15_000].map((at) => ({ kind: 'line', at, text: 'tick' })));
      assert.deepEqual(r.get(scripts[2])!.steps, ['1', '2', '3'].map((text, i) => ({ kind: 'line', at: i * 2000, text })));
      assert.deepEqual(r.get(scripts[2])!.end, { kind: 'exit', at: 6000, code: 0 });
    });

    it('the batch pods of the scheduling scenario: logs read and follow without hanging, the pods keep running', () => {
      const r = inChild<ClusterReport>({ kind: 'cluster' });
      assert.equal(r.pods.length, 2);
      for (const p of r.pods) {
        assert.equal(p.phase, 'Running', p.name);
        assert.ok(p.running, `${p.name}: its container is running`);
        assert.equal(p.restarts, 0, `${p.name}: never exits`);
      }
      assert.deepEqual(r.logs, ['[kubesim] container worker started (docker.io/library/busybox:1.37): runs until stopped: sh -c "while true; do sleep 3600; done" loops forever (while true)']);
      assert.deepEqual(r.followed, r.logs, 'follow sends the lines so far and nothing more');
      assert.equal(r.followEnded, false, 'the container did not end');
      assert.deepEqual(r.logsLater, r.logs);
    });
  });
}
