// Test harness: a cluster served in-process on a random port with a temporary kubeconfig, plain
// HTTPS requests that trust its CA, and the real kubectl run against it (asynchronously, so the
// server keeps answering while kubectl waits).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster, type ClusterOptions } from '../../src/cluster.js';
import { serveCluster, type Headless } from '../../src/apiserver/headless.js';
import type { Speed } from '../../src/ui/simDriver.js';

export const KUBECTL = process.env.KUBECTL ?? (existsSync('/usr/bin/kubectl') ? '/usr/bin/kubectl' : 'kubectl');

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

export interface TestServer {
  cluster: Cluster;
  headless: Headless;
  kubeconfig: string;
  dir: string;
  request(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string>; token?: string | null; raw?: string | Buffer }): Promise<Response>;
  kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** kubectl that is stopped after `ms` (for -f and -w), with what it printed until then. */
  kubectlFor(ms: number, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Another kubectl binary (an older release) with the same kubeconfig. */
  kubectlBinary(binary: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

export async function startTestServer(options: { speed?: Speed; cluster?: ClusterOptions; bookmarkIntervalMs?: number } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-api-'));
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  const cluster = new Cluster({ seed: 7, nodes: 3, startTime: Date.UTC(2026, 0, 1), ...options.cluster });
  const headless = await serveCluster(cluster, { port: 0, kubeconfig, speed: options.speed ?? 0, bookmarkIntervalMs: options.bookmarkIntervalMs });
  const { server } = headless;
  const url = new URL(headless.url);

  const request: TestServer['request'] = (method, path, o = {}) =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token !== null) headers.Authorization = `Bearer ${o.token ?? server.token}`;
      let payload: string | Buffer | undefined = o.raw;
      if (o.body !== undefined) {
        payload = JSON.stringify(o.body);
        headers['Content-Type'] ??= 'application/json';
      }
      if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
      const req = httpsRequest({ host: '127.0.0.1', port: url.port, method, path, headers, ca: server.tls.caCert }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });

  const run = (binary: string, ms: number, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(binary, ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, `cache-${binary.replace(/\W/g, '_')}`), ...args], { timeout: ms, env: { ...process.env, KUBECONFIG: kubeconfig, HOME: dir } }, (error, stdout, stderr) => {
        const code = error ? (typeof (error as any).code === 'number' ? (error as any).code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });

  const kubectlFor: TestServer['kubectlFor'] = (ms, ...args) => run(KUBECTL, ms, args);
  const kubectl: TestServer['kubectl'] = (...args) => kubectlFor(60_000, ...args);
  const kubectlBinary: TestServer['kubectlBinary'] = (binary, ...args) => run(binary, 60_000, args);

  return {
    cluster,
    headless,
    kubeconfig,
    dir,
    request,
    kubectl,
    kubectlFor,
    kubectlBinary,
    async stop() {
      await headless.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** kubectl must succeed; returns its stdout. */
export async function ok(s: TestServer, ...args: string[]): Promise<string> {
  const r = await s.kubectl(...args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}):\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}
