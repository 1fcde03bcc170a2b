// `kubesim serve`: writes the kubeconfig, prints the URL and the export line, and answers kubectl's
// first request; stops cleanly when told to.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { serveCommand } from '../../src/cli/commands/serve.js';
import { KUBECTL } from './helpers.js';
import { execFile } from 'node:child_process';

describe('kubesim serve', { timeout: 30_000 }, () => {
  it('writes a kubeconfig kubectl can use and prints how to use it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-serve-'));
    const kubeconfig = join(dir, 'config.yaml');
    const out: string[] = [];
    const stop = new AbortController();
    const running = serveCommand(['--port', '0', '--kubeconfig', kubeconfig, '--nodes', '2'], { stdout: (t) => void out.push(t), stderr: () => undefined }, stop.signal);
    try {
      for (let i = 0; i < 100 && !out.length; i++) await new Promise((r) => setTimeout(r, 20));
      assert.match(out.join(''), new RegExp(`^kubesim API server at https://127\\.0\\.0\\.1:\\d+ \\(kubeconfig ${kubeconfig.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\): export KUBECONFIG=.*config\\.yaml\\n$`));
      const config = parse(readFileSync(kubeconfig, 'utf8'));
      assert.equal(config['current-context'], 'kubesim');
      assert.match(config.clusters[0].cluster.server, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.match(Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64').toString(), /^-----BEGIN CERTIFICATE-----/);
      assert.equal(config.users[0].name, 'kubesim-admin');
      assert.equal(statSync(kubeconfig).mode & 0o777, 0o600);
      const nodes = await new Promise<string>((resolve, reject) =>
        execFile(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), 'get', 'nodes', '-o', 'name'], { env: { ...process.env, HOME: dir } }, (e, stdout, stderr) => (e ? reject(new Error(stderr)) : resolve(stdout))),
      );
      assert.equal(nodes, 'node/node-1\nnode/node-2\n');
    } finally {
      stop.abort();
      assert.equal(await running, 0);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
