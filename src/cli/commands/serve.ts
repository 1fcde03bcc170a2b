// `kubesim serve`: the cluster headless, advancing at 1x real time, behind a Kubernetes API that
// kubectl (and any client library) can use through the kubeconfig it writes.
import { Cluster } from '../../cluster.js';
import { serveCluster } from '../../apiserver/headless.js';
import { defaultKubeconfigPath } from '../../apiserver/kubeconfig.js';
import { applyManifests } from '../../manifests/apply.js';
import { loadManifestPaths } from '../../manifests/load.js';
import { StateAutosaver } from '../../state/autosave.js';
import { captureState } from '../../state/clusterState.js';
import { openCluster } from '../../state/openCluster.js';
import { integerFlag, parseFlags } from '../flags.js';
import { UsageError } from '../usage.js';
import type { CommandIO } from './run.js';

export const DEFAULT_API_PORT = 6443;

export async function serveCommand(args: string[], io: CommandIO, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseFlags('serve', args, {
    port: { type: 'string' },
    kubeconfig: { type: 'string' },
    filename: { type: 'string', short: 'f', multiple: true },
    scenario: { type: 'string' },
    state: { type: 'string' },
    seed: { type: 'string' },
    nodes: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`kubesim serve: unexpected argument "${positionals[0]}"`);
  const port = integerFlag('port', values.port, DEFAULT_API_PORT, 0, 65535);
  const seed = integerFlag('seed', values.seed, 1, 0, 2 ** 32 - 1);
  const nodes = integerFlag('nodes', values.nodes, 3, 0, 5000);
  const kubeconfig = values.kubeconfig ?? defaultKubeconfigPath();

  let cluster: Cluster;
  let runner: ReturnType<typeof openCluster>['session'];
  if (!values.scenario && !values.state) {
    // A fresh cluster on the wall clock, so the ages kubectl computes itself (describe) are right.
    const manifests = values.filename?.length ? loadManifestPaths(values.filename) : undefined;
    for (const w of manifests?.warnings ?? []) io.stderr(`Warning: ${w}\n`);
    cluster = new Cluster({ seed, nodes, startTime: Math.floor(Date.now() / 1000) * 1000 });
    if (manifests) for (const line of applyManifests(cluster.store, manifests.manifests).lines) io.stderr(`${line}\n`);
  } else {
    const opened = openCluster({ files: values.filename, scenario: values.scenario, statePath: values.state, seed, nodes });
    for (const w of opened.warnings) io.stderr(`Warning: ${w}\n`);
    cluster = opened.cluster;
    runner = opened.session;
  }

  let headless;
  try {
    headless = await serveCluster(cluster, { port, kubeconfig, onError: (e) => io.stderr(`kubesim serve: internal error answering a request: ${e instanceof Error ? (process.env.KUBESIM_DEBUG ? e.stack : e.message) : String(e)} (the request got a 500 Status; this is a bug in kubesim)\n`) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`kubesim serve: port ${port} is in use; choose another with --port (0 picks a free one)`);
    throw error;
  }
  const saver = values.state ? new StateAutosaver(values.state, () => captureState(cluster, { seed, runner: runner?.runner })) : undefined;
  saver?.watch(cluster);
  saver?.start();
  io.stdout(`kubesim API server at ${headless.url} (kubeconfig ${kubeconfig}): export KUBECONFIG=${kubeconfig}\n`);

  await new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (signal?.aborted) done();
    signal?.addEventListener('abort', done, { once: true });
  });
  await headless.stop();
  if (saver && !saver.stop()) io.stderr(`Warning: ${saver.lastError}\n`);
  else if (saver) io.stderr(`cluster saved to ${values.state}\n`);
  return 0;
}
