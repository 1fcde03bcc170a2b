import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Container } from '../../src/api/types.js';
import { isImageRef, parseImageRef, pullErrorMessage, pullFailureOf, type ImageRef } from '../../src/sim/imageRef.js';
import { buildProgram, type ProgramContext } from '../../src/sim/program.js';
import { piDigits } from '../../src/sim/programOutput.js';
import {
  containerBehaviour,
  execProbeFile,
  nextProbeChange,
  parseHealthScript,
  probeOutcome,
  readWorkloadScript,
  validateWorkloadAnnotations,
  WorkloadAnnotationError,
} from '../../src/sim/workload.js';

const ctx: ProgramContext = { env: {}, hostname: 'web-0', podIP: '10.244.0.5', startEpochMs: Date.UTC(2026, 0, 1), cpuCount: 2 };

function ref(image: string): ImageRef {
  const r = parseImageRef(image);
  assert.ok(isImageRef(r), `${image} parses`);
  return r;
}

function program(container: Partial<Container> & { image: string }, env: Record<string, string> = {}) {
  return buildProgram({ name: 'c', ...container } as Container, ref(container.image), { ...ctx, env });
}

function lines(p: ReturnType<typeof program>, limit = 50): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  const it = p.run();
  for (let i = 0; i < limit; i++) {
    const r = it.next();
    if (r.done) break;
    if (r.value.kind === 'line') out.push([r.value.at, r.value.text]);
  }
  return out;
}

describe('image references', () => {
  it('normalizes like containerd', () => {
    assert.equal(ref('nginx').normalized, 'docker.io/library/nginx:latest');
    assert.equal(ref('nginx:1.27').normalized, 'docker.io/library/nginx:1.27');
    assert.equal(ref('bitnami/redis:7.2').normalized, 'docker.io/bitnami/redis:7.2');
    assert.equal(ref('registry.k8s.io/pause:3.10').normalized, 'registry.k8s.io/pause:3.10');
    assert.equal(ref('localhost:5000/app').normalized, 'localhost:5000/app:latest');
  });

  it('refuses references containerd cannot parse', () => {
    assert.deepEqual(parseImageRef('Nginx'), { error: 'invalid reference format: repository name (library/Nginx) must be lowercase' });
    assert.deepEqual(parseImageRef('nginx:1.27:2'), { error: 'invalid reference format' });
    assert.deepEqual(parseImageRef('ngi nx'), { error: 'invalid reference format' });
  });

  it('decides from the name which images a registry would refuse, with containerd wording', () => {
    assert.equal(pullFailureOf(ref('nginx:1.27')), undefined);
    assert.equal(pullFailureOf(ref('nginx:doesnotexist')), 'tag-not-found');
    assert.equal(pullFailureOf(ref('nonexistent-image')), 'repository-not-found');
    assert.equal(pullFailureOf(ref('registry.invalid/app:1.0')), 'unresolvable-host');
    assert.equal(
      pullErrorMessage(ref('nginx:doesnotexist'), 'tag-not-found'),
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
    );
    assert.match(pullErrorMessage(ref('registry.invalid/app:1.0'), 'unresolvable-host'), /Head "https:\/\/registry\.invalid\/v2\/app\/manifests\/1\.0": dial tcp: lookup registry\.invalid: no such host$/);
  });
});

describe('programs read from the manifest', () => {
  it('sleep N ends after N seconds with 0', () => {
    assert.deepEqual(program({ image: 'busybox', command: ['sleep', '30'] }).end, { afterMs: 30_000, exitCode: 0 });
    assert.deepEqual(program({ image: 'busybox', command: ['sh', '-c', 'sleep 30'] }).end, { afterMs: 30_000, exitCode: 0 });
    assert.deepEqual(program({ image: 'busybox', args: ['sleep', '3600'] }).end, { afterMs: 3_600_000, exitCode: 0 });
    assert.equal(program({ image: 'busybox', command: ['sleep', 'infinity'] }).end, undefined);
  });

  it('exit N, false and true end at once', () => {
    assert.deepEqual(program({ image: 'busybox', command: ['sh', '-c', 'exit 3'] }).end, { afterMs: 0, exitCode: 3 });
    assert.deepEqual(program({ image: 'busybox', command: ['false'] }).end, { afterMs: 0, exitCode: 1 });
    assert.deepEqual(program({ image: 'busybox', command: ['true'] }).end, { afterMs: 0, exitCode: 0 });
  });

  it('servers and unknown applications run until stopped', () => {
    for (const image of ['nginx:1.27', 'httpd', 'redis', 'registry.k8s.io/hpa-example', 'example.org/team/api:2.1']) {
      const p = program({ image, ...(image === 'redis' ? {} : {}) }, { MYSQL_ROOT_PASSWORD: 'x' });
      assert.equal(p.end, undefined, image);
      assert.match(p.summary, /^runs until stopped/, image);
    }
    assert.equal(program({ image: 'python:3.12', command: ['python', 'app.py'] }).end, undefined);
  });

  it('a base image without a command exits 0 at once; with a terminal it waits', () => {
    assert.deepEqual(program({ image: 'busybox' }).end, { afterMs: 0, exitCode: 0 });
    assert.deepEqual(program({ image: 'ubuntu:24.04' }).end, { afterMs: 0, exitCode: 0 });
    assert.equal(program({ image: 'busybox', stdin: true, tty: true }).end, undefined);
  });

  it('an unknown command in a base image is not found (127)', () => {
    const p = program({ image: 'busybox', command: ['sh', '-c', 'myapp --serve'] });
    assert.deepEqual(p.end, { afterMs: 0, exitCode: 127 });
    assert.deepEqual(lines(p), [[0, 'sh: myapp: not found']]);
  });

  it('echo, loops and arithmetic produce timed lines', () => {
    const p = program({ image: 'busybox', command: ['sh', '-c', 'i=0; while [ $i -lt 3 ]; do echo "tick $i"; i=$((i+1)); sleep 5; done; echo done'] });
    assert.deepEqual(p.end, { afterMs: 15_000, exitCode: 0 });
    assert.deepEqual(lines(p), [[0, 'tick 0'], [5000, 'tick 1'], [10_000, 'tick 2'], [15_000, 'done']]);
  });

  it('an endless loop runs until stopped and keeps printing', () => {
    const p = program({ image: 'busybox', command: ['/bin/sh', '-c', 'while true; do echo "$(date +%T) $HOSTNAME"; sleep 10; done'] });
    assert.equal(p.end, undefined);
    assert.deepEqual(lines(p, 3), [[0, '00:00:00 web-0'], [10_000, '00:00:10 web-0'], [20_000, '00:00:20 web-0']]);
  });

  it('reads environment variables and mounted files', () => {
    const files = new Map([['/etc/config/mode', 'fast']]);
    const p = buildProgram({ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo "mode=$(cat /etc/config/mode) greeting=$GREETING"'] } as Container, ref('busybox'), { ...ctx, env: { GREETING: 'hi' }, files });
    assert.deepEqual(lines(p), [[0, 'mode=fast greeting=hi']]);
  });

  it('the Kubernetes docs pi Job prints pi and exits 0', () => {
    const p = program({ image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] });
    assert.deepEqual(p.end, { afterMs: 10_000, exitCode: 0 });
    const [[at, text]] = lines(p);
    assert.equal(at, 10_000);
    assert.equal(text.length, 2001);
    assert.ok(text.startsWith('3.14159265358979323846264338327950288419716939937510582097494459'));
    assert.equal(piDigits(10), '3.141592654');
  });

  it('MySQL and PostgreSQL refuse to start without a password', () => {
    const mysql = program({ image: 'mysql:8.4' });
    assert.equal(mysql.end?.exitCode, 1);
    assert.ok(lines(mysql).some(([, t]) => t.endsWith('[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified')));
    assert.equal(program({ image: 'mysql:8.4' }, { MYSQL_ROOT_PASSWORD: 'secret' }).end, undefined);
    assert.equal(program({ image: 'postgres:17' }).end?.exitCode, 1);
    assert.equal(program({ image: 'postgres:17' }, { POSTGRES_PASSWORD: 'pw' }).end, undefined);
  });

  it('a script it cannot read runs until stopped and says why', () => {
    const p = program({ image: 'busybox', command: ['sh', '-c', 'echo "unterminated'] });
    assert.equal(p.end, undefined);
    assert.match(p.summary, /cannot follow this script: sh: syntax error: unterminated quoted string/);
  });
});

describe('sim.kubesim.dev annotations', () => {
  it('reads durations, codes and health scripts; pod-level keys skip init containers', () => {
    const annotations = {
      'sim.kubesim.dev/crash-after': '30s',
      'sim.kubesim.dev/exit-code': '2',
      'sim.kubesim.dev/readiness': 'flap: 60s',
      'sim.kubesim.dev/liveness': 'fail-after 2m',
      'sim.kubesim.dev/ready-after.init-db': '5s',
    };
    const app = readWorkloadScript(annotations, 'web', false);
    assert.deepEqual(app.problems, []);
    assert.equal(app.script.crashAfterMs, 30_000);
    assert.equal(app.script.exitCode, 2);
    assert.deepEqual(app.script.readiness, { mode: 'flap', periodMs: 60_000 });
    assert.deepEqual(app.script.liveness, { mode: 'fail-after', afterMs: 120_000 });
    const init = readWorkloadScript(annotations, 'init-db', true);
    assert.equal(init.script.crashAfterMs, undefined);
    assert.equal(init.script.readyAfterMs, 5000);
  });

  it('gives a clear error for a bad duration and ignores the value', () => {
    const { script, problems } = readWorkloadScript({ 'sim.kubesim.dev/crash-after': '30 seconds' }, 'web', false);
    assert.equal(script.crashAfterMs, undefined);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].key, 'sim.kubesim.dev/crash-after');
    assert.match(problems[0].message, /^sim\.kubesim\.dev\/crash-after: invalid duration "30 seconds": use a number with a unit, e\.g\. 30s, 5m, 1h30m/);
    assert.throws(() => parseHealthScript('sim.kubesim.dev/readiness', 'sometimes'), (e: unknown) => e instanceof WorkloadAnnotationError && /use ok, fail, "fail-after 2m" or "flap 60s"/.test(e.message));
  });

  it('reports unknown names and bad exit codes', () => {
    const problems = validateWorkloadAnnotations({ 'sim.kubesim.dev/crash-afer': '1m', 'sim.kubesim.dev/exit-code': '300', 'other.io/x': 'y' });
    assert.deepEqual(problems.map((p) => p.key).sort(), ['sim.kubesim.dev/crash-afer', 'sim.kubesim.dev/exit-code']);
    assert.match(problems.find((p) => p.key.endsWith('exit-code'))!.message, /use a whole number from 0 to 255/);
  });

  it('crash-after and run-for end a server early with their exit codes', () => {
    const nginx = { name: 'web', image: 'nginx:1.27' } as Container;
    const crash = containerBehaviour(nginx, ref('nginx:1.27'), ctx, readWorkloadScript({ 'sim.kubesim.dev/crash-after': '30s' }, 'web', false).script, 'x');
    assert.deepEqual({ ...crash.end, why: undefined }, { afterMs: 30_000, exitCode: 1, reason: 'Error', why: undefined });
    const run = containerBehaviour(nginx, ref('nginx:1.27'), ctx, readWorkloadScript({ 'sim.kubesim.dev/run-for': '45s' }, 'web', false).script, 'x');
    assert.equal(run.end?.exitCode, 0);
    assert.equal(run.end?.reason, 'Completed');
    const oom = containerBehaviour(nginx, ref('nginx:1.27'), ctx, readWorkloadScript({ 'sim.kubesim.dev/oom-after': '1m' }, 'web', false).script, 'x');
    assert.deepEqual([oom.end?.exitCode, oom.end?.reason], [137, 'OOMKilled']);
  });
});

describe('probe outcomes', () => {
  const nginx = { name: 'web', image: 'nginx:1.27' } as Container;
  const behave = (annotations: Record<string, string>) => containerBehaviour(nginx, ref('nginx:1.27'), ctx, readWorkloadScript(annotations, 'web', false).script, 'x');
  const http = { kind: 'http' as const, port: 80, path: '/healthz', scheme: 'HTTP' };

  it('refuses connections while warming up, then answers', () => {
    const b = behave({ 'sim.kubesim.dev/ready-after': '20s' });
    const at = (s: number) => probeOutcome({ behaviour: b, type: 'readiness', target: http, sinceStartMs: s * 1000, podIP: '10.244.1.7', timeoutSeconds: 1 });
    assert.deepEqual(at(10), { ok: false, refused: true, message: 'Get "http://10.244.1.7:80/healthz": dial tcp 10.244.1.7:80: connect: connection refused' });
    assert.deepEqual(at(20), { ok: true });
    assert.equal(nextProbeChange(b, 'readiness', 10_000), 20_000);
    assert.equal(nextProbeChange(b, 'readiness', 20_000), undefined);
  });

  it('a port the program does not listen on is refused', () => {
    const b = behave({});
    const o = probeOutcome({ behaviour: b, type: 'liveness', target: { kind: 'tcp', port: 8080 }, sinceStartMs: 0, podIP: '10.244.1.7', timeoutSeconds: 1 });
    assert.equal(o.message, 'dial tcp 10.244.1.7:8080: connect: connection refused');
  });

  it('annotated failures answer with HTTP 503 (readiness) and 500 (liveness)', () => {
    const b = behave({ 'sim.kubesim.dev/readiness': 'fail', 'sim.kubesim.dev/liveness': 'fail-after 2m' });
    assert.equal(probeOutcome({ behaviour: b, type: 'readiness', target: http, sinceStartMs: 0, podIP: 'x', timeoutSeconds: 1 }).message, 'HTTP probe failed with statuscode: 503');
    assert.equal(probeOutcome({ behaviour: b, type: 'liveness', target: http, sinceStartMs: 119_000, podIP: 'x', timeoutSeconds: 1 }).ok, true);
    assert.equal(probeOutcome({ behaviour: b, type: 'liveness', target: http, sinceStartMs: 120_000, podIP: 'x', timeoutSeconds: 1 }).message, 'HTTP probe failed with statuscode: 500');
  });

  it('flapping alternates from the end of the warm-up', () => {
    const b = behave({ 'sim.kubesim.dev/readiness': 'flap 60s' });
    const ok = (s: number) => probeOutcome({ behaviour: b, type: 'readiness', target: http, sinceStartMs: s * 1000, podIP: 'x', timeoutSeconds: 1 }).ok;
    assert.deepEqual([ok(0), ok(59), ok(60), ok(119), ok(120)], [true, true, false, false, true]);
    assert.equal(nextProbeChange(b, 'readiness', 61_000), 120_000);
  });

  it('exec probes that check a file follow the file', () => {
    assert.equal(execProbeFile(['cat', '/tmp/healthy']), '/tmp/healthy');
    assert.equal(execProbeFile(['sh', '-c', 'test -e /tmp/ready']), '/tmp/ready');
    assert.equal(execProbeFile(['pg_isready']), undefined);
    const b = behave({});
    const target = { kind: 'exec' as const, command: ['cat', '/tmp/healthy'] };
    assert.deepEqual(probeOutcome({ behaviour: b, type: 'liveness', target, sinceStartMs: 0, podIP: 'x', timeoutSeconds: 1, fileExists: () => false }), { ok: false, message: "cat: can't open '/tmp/healthy': No such file or directory" });
    assert.deepEqual(probeOutcome({ behaviour: b, type: 'liveness', target, sinceStartMs: 0, podIP: 'x', timeoutSeconds: 1, fileExists: () => true }), { ok: true });
  });
});
