// The kubeconfig kubectl and client libraries read: cluster `kubesim` (the server URL and the CA that
// signed its certificate), user `kubesim-admin` (the bearer token) and context `kubesim`. An existing
// file keeps its other clusters, users and contexts; only the kubesim entries are replaced.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';

export const CONTEXT = 'kubesim';
export const CLUSTER = 'kubesim';
export const USER = 'kubesim-admin';

export function defaultKubeconfigPath(): string {
  return join(homedir(), '.kube', 'kubesim.yaml');
}

export interface KubeconfigEntries {
  server: string;
  caCert: string;
  token: string;
}

type Named = { name: string; [k: string]: unknown };

function upsert(list: unknown, entry: Named): Named[] {
  const items = Array.isArray(list) ? (list as Named[]).filter((e) => e && typeof e === 'object' && e.name !== entry.name) : [];
  return [...items, entry];
}

/** The kubeconfig text: `existing` (a file's text) with the kubesim entries put in and made current. */
export function kubeconfigText(entries: KubeconfigEntries, existing?: string): string {
  let config: Record<string, unknown> = {};
  if (existing?.trim()) {
    try {
      const parsed = parse(existing);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) config = parsed;
    } catch {
      throw new Error('the kubeconfig file exists but is not valid YAML; choose another path with --kubeconfig');
    }
  }
  config.apiVersion = 'v1';
  config.kind = 'Config';
  config.clusters = upsert(config.clusters, {
    name: CLUSTER,
    cluster: { server: entries.server, 'certificate-authority-data': Buffer.from(entries.caCert).toString('base64') },
  });
  config.users = upsert(config.users, { name: USER, user: { token: entries.token } });
  config.contexts = upsert(config.contexts, { name: CONTEXT, context: { cluster: CLUSTER, user: USER } });
  config['current-context'] = CONTEXT;
  config.preferences ??= {};
  return stringify(config);
}

/** Writes (or updates) the kubeconfig at `path`, readable only by its owner (it holds a token). */
export function writeKubeconfig(path: string, entries: KubeconfigEntries): void {
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const text = kubeconfigText(entries, existing);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}
