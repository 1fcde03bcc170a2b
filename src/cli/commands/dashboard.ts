// `kubesim [-f FILE]... [--scenario FILE|NAME] [--state FILE]`: the dashboard over a running cluster.
// With nothing asked for it opens the default scenario (what `npm start` shows). Preferences are read
// once here and written back when the dashboard quits; with --state the cluster is saved as it
// changes and on the way out.
import { resolveKind } from '../../api/kinds.js';
import { keyOverrides } from '../../config/keyOverrides.js';
import { loadPreferences, savePreferences } from '../../config/preferences.js';
import type { Preferences } from '../../config/schema.js';
import { StateAutosaver } from '../../state/autosave.js';
import { captureState } from '../../state/clusterState.js';
import { openCluster } from '../../state/openCluster.js';
import { integerFlag, parseFlags, userFlags } from '../flags.js';
import { DashboardApi } from '../../apiserver/dashboardApi.js';
import { defaultKubeconfigPath } from '../../apiserver/kubeconfig.js';
import { DEFAULT_API_PORT } from './serve.js';
import { UsageError } from '../usage.js';
import type { CommandIO } from './run.js';

export async function dashboardCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags('', args, {
    filename: { type: 'string', short: 'f', multiple: true },
    scenario: { type: 'string' },
    state: { type: 'string' },
    seed: { type: 'string' },
    nodes: { type: 'string' },
    api: { type: 'boolean' },
    port: { type: 'string' },
    kubeconfig: { type: 'string' },
    as: { type: 'string' },
    'as-group': { type: 'string', multiple: true },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const user = userFlags('', values.as, values['as-group']);
  const seed = integerFlag('seed', values.seed, 1, 0, 2 ** 32 - 1);
  const nodes = integerFlag('nodes', values.nodes, 3, 0, 5000);
  // Bad manifests, scenarios and state files are reported before the screen is taken over.
  const opened = openCluster({
    files: values.filename,
    scenario: values.scenario,
    statePath: values.state,
    seed,
    nodes,
    useDefaultScenario: values.nodes === undefined,
    user,
  });
  for (const warning of opened.warnings) io.stderr(`Warning: ${warning}\n`);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    const { NOT_A_TERMINAL } = await import('../../ui/dashboard.js');
    io.stderr(NOT_A_TERMINAL);
    return 1;
  }

  const prefs = loadPreferences();
  const keys = keyOverrides(prefs.preferences.keys);
  applyColourLevel(prefs.preferences);
  const session = opened.session;
  let cluster = opened.cluster;
  const saver = values.state ? new StateAutosaver(values.state, () => captureState(cluster, { seed: opened.seed, runner: session?.runner })) : undefined;
  saver?.watch(cluster);
  saver?.start();
  // --api: the Kubernetes API beside the dashboard; a restarted scenario is served from its new cluster.
  const api = values.api ? new DashboardApi(integerFlag('port', values.port, DEFAULT_API_PORT, 0, 65535), values.kubeconfig ?? defaultKubeconfigPath()) : undefined;
  await api?.start(cluster);
  session?.subscribe((next) => {
    cluster = next;
    saver?.watch(next);
    void api?.swap(next);
  });

  const p = prefs.preferences;
  const apiNotice = api ? [`kubesim API at ${api.url}: export KUBECONFIG=${values.kubeconfig ?? defaultKubeconfigPath()}`] : [];
  const notices = [...apiNotice, ...prefs.warnings, ...keys.problems.map((k) => `preferences: ${k} (ignored)`), ...(keys.describe().length ? [`rebound keys: ${keys.describe().join(', ')}`] : []), ...(opened.restored ? [`continuing the cluster saved in ${values.state}`] : [])];
  const { runDashboard } = await import('../../ui/dashboard.js');
  const code = await runDashboard(cluster, {
    kind: resolveKind(p.lastView)?.kind ?? 'Pod',
    namespace: p.lastNamespace === '' ? undefined : p.lastNamespace,
    speed: p.speed,
    favourites: p.favouriteNamespaces,
    logPane: { height: p.logPaneHeight, visible: p.logPaneVisible },
    theme: p.theme,
    keyOverrides: keys,
    scenario: session,
    user,
    notice: notices.join('; ') || undefined,
    beforeExit: () => saver?.stop(),
    onExit: (state, speed) => {
      const root = state.stack[0];
      const changes: Partial<Preferences> = {
        lastView: root.type === 'resources' ? (resolveKind(root.kind)?.plural ?? 'pods') : root.type,
        lastNamespace: state.namespace ?? '',
        favouriteNamespaces: state.favourites.slice(0, 9),
        // A pause is for the moment, not a preference: the next start would look like a dead cluster.
        ...(speed > 0 ? { speed } : {}),
        logPaneHeight: Math.max(3, Math.min(40, state.logPane.height)),
        logPaneVisible: state.logPane.visible,
      };
      const problem = savePreferences(prefs, changes);
      if (problem) io.stderr(`Warning: ${problem}\n`);
    },
  });
  await api?.stop();
  if (saver && !saver.stop()) io.stderr(`Warning: ${saver.lastError}\n`);
  else if (saver) io.stderr(`cluster saved to ${values.state}\n`);
  return code;
}

/**
 * Monochrome and 16-colour themes are colour levels: they must be set before Ink's colour library
 * loads (the dashboard module is imported after this). NO_COLOR still wins, as bin/kubesim.js set it.
 */
function applyColourLevel(p: Preferences): void {
  if (process.env.NO_COLOR) return;
  if (p.theme === 'monochrome') process.env.FORCE_COLOR = '0';
  else if (p.theme === '16-colour') process.env.FORCE_COLOR = '1';
}
