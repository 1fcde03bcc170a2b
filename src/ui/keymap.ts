// Which keys do what, per page type: one table feeds the header hints, the `?` help and the input
// handlers' documentation, so they cannot drift apart. Keys follow k9s where k9s has the action.
import { KINDS } from '../api/kinds.js';
import { bindingsFor } from './actions/registry.js';

export interface KeyBinding {
  key: string; // as shown: `enter`, `ctrl-d`, `shift-n`, `:`
  description: string;
  /** Short label for the header's hint line (only the few that matter most have one). */
  hint?: string;
}

export const GLOBAL_KEYS: KeyBinding[] = [
  { key: ':', description: 'command: a kind (:po, :deploy, :svc ...), :decisions, :xray KIND, :pulse, :can SUBJECT, :q', hint: 'command' },
  { key: '/', description: 'filter: regex over visible columns, !inverse, -l label selector' },
  { key: '?', description: 'help for this view', hint: 'help' },
  { key: 'esc', description: 'back (clears the filter first)' },
  { key: '0', description: 'all namespaces' },
  { key: '1-9', description: 'favourite namespaces (the newest first; each keeps its number)' },
  { key: '[ ]', description: 'previous / next command in history' },
  { key: 'space', description: 'pause / resume the simulation', hint: 'pause' },
  { key: '.', description: 'step: run one reconcile (or jump to the next timer)' },
  { key: '- + < >', description: 'slower / faster (paused, 1x, 10x, 100x)' },
  { key: '`', description: 'show / hide the decision log pane' },
  { key: '~', description: 'decision log fills the screen / back' },
  { key: '{ }', description: 'decision log pane smaller / larger' },
  { key: '|', description: 'filter the decision log pane by component or object' },
  { key: 'ctrl-c', description: 'quit (also :q)' },
];

export const RESOURCE_KEYS: KeyBinding[] = [
  { key: 'enter', description: 'drill down (deployment → replicasets → pods → containers; service/node/job → pods; cronjob → jobs; namespace → pods; pvc → pv)', hint: 'drill down' },
  { key: 'd', description: 'describe, with the object\'s events and latest decisions', hint: 'describe' },
  { key: 'y', description: 'YAML' },
  { key: 'w', description: 'why: the decisions and events about this object', hint: 'why' },
  { key: 'j k ↑ ↓', description: 'move' },
  { key: 'g G', description: 'top / bottom' },
  { key: 'ctrl-f ctrl-b', description: 'page down / up' },
  { key: 'ctrl-w', description: 'wide columns' },
  { key: 'ctrl-z', description: 'faults only' },
  { key: 'shift-n shift-a shift-s shift-r shift-p', description: 'sort by name, age, status, ready, namespace (again: reverse)' },
  { key: 'shift-← shift-→ shift-o', description: 'choose a column / sort by it' },
];

/** The keys of each page type; resource pages add the per-kind actions (see input/resourceActions). */
export const PAGE_KEYS: Partial<Record<string, KeyBinding[]>> = {
  resources: RESOURCE_KEYS,
  describe: [
    { key: 'j k ↑ ↓', description: 'scroll' },
    { key: 'g G', description: 'top / bottom' },
    { key: 'ctrl-f ctrl-b', description: 'page down / up' },
    { key: '/', description: 'show only the lines that match (regex; !inverse); Esc clears' },
    { key: 'y', description: 'YAML of this object', hint: 'yaml' },
    { key: 'ctrl-w', description: 'wrap long lines (the default) / cut them at the edge' },
    { key: 'w', description: 'all decisions and events about this object', hint: 'why' },
    { key: 'x', description: 'secrets: show the values decoded (again: hide them)' },
  ],
  yaml: [
    { key: 'j k ↑ ↓', description: 'scroll' },
    { key: 'g G', description: 'top / bottom' },
    { key: 'ctrl-f ctrl-b', description: 'page down / up' },
    { key: '/', description: 'show only the lines that match (regex; !inverse); Esc clears' },
    { key: 'd', description: 'describe this object', hint: 'describe' },
    { key: 'ctrl-w', description: 'wrap long lines (the default) / cut them at the edge' },
    { key: 'w', description: 'all decisions and events about this object', hint: 'why' },
    { key: 'x', description: 'secrets: show the values decoded, as stringData (again: mask them)' },
  ],
  logs: [
    { key: 'f', description: 'follow new lines (on when the logs open); scrolling up stops it', hint: 'follow' },
    { key: 'p', description: 'previous container instance (again: the current one)', hint: 'previous' },
    { key: 'c', description: 'next container of the pod', hint: 'container' },
    { key: 'w ctrl-w', description: 'wrap long lines (the default) / cut them at the edge' },
    { key: 'j k ↑ ↓', description: 'scroll' },
    { key: 'g G', description: 'top / bottom (G follows again)' },
    { key: 'ctrl-f ctrl-b', description: 'page down / up' },
    { key: '/', description: 'show only the lines that match (regex; !inverse); Esc clears' },
  ],
  containers: [
    { key: 'enter l', description: "the container's logs", hint: 'logs' },
    { key: 'p', description: "the previous instance's logs", hint: 'previous logs' },
    { key: 'd', description: 'describe the pod', hint: 'describe' },
    { key: 'y', description: "the pod's YAML" },
    { key: 'j k ↑ ↓', description: 'move' },
    { key: 'g G', description: 'top / bottom' },
  ],
  xray: [
    { key: 'enter d', description: 'describe the selected object (a container: its pod)', hint: 'describe' },
    { key: 'y', description: 'YAML of the selected object' },
    { key: 'l', description: 'logs of the selected pod or container', hint: 'logs' },
    { key: 'w', description: 'decisions and events about the selected object', hint: 'why' },
    { key: 'j k ↑ ↓', description: 'move' },
    { key: 'g G', description: 'top / bottom' },
    { key: 'ctrl-f ctrl-b', description: 'page down / up' },
    { key: '/', description: 'keep the lines that match, the path to them and what they own; Esc clears' },
    { key: 'marks', description: '✓ healthy  … on its way  ! degraded  ✗ failing or missing  · finished' },
  ],
  pulse: [
    { key: 'j k ↑ ↓', description: 'scroll' },
    { key: 'g G', description: 'top / bottom' },
    { key: 'marks', description: '! in the first column: a series worth a look (pending or failed pods, nodes not ready, restarts, warnings, an HPA at its maximum)' },
  ],
  timeline: [
    { key: 'R', description: 'restart the scenario on a fresh cluster (asks first)', hint: 'restart' },
    { key: 'j k ↑ ↓', description: 'scroll' },
    { key: 'g G', description: 'top / bottom' },
  ],
  can: [
    { key: 'j k ↑ ↓', description: 'move (the reasons below follow the selection)' },
    { key: 'g G', description: 'top / bottom' },
    { key: '/', description: 'keep the resources that match; Esc clears' },
    { key: ':ns NAME', description: 'ask about another namespace (the active one is used; :ns all asks about cluster-wide bindings only)' },
    { key: 'marks', description: '✓ allowed  ✗ denied  * cluster-scoped resource' },
  ],
};

// Per-kind actions as `resources:<Kind>` (e.g. `resources:Deployment`), from the same registry the key
// handler uses. k9s's keys where k9s has the action: ctrl-d delete, ctrl-k kill, e edit, s scale (and
// suspend on cronjobs), r restart (drain on nodes), i set image, l logs, x decode, c/u cordon/uncordon,
// t trigger. kubesim's own where it has none: a apply, u undo, p pause/resume (previous logs on pods),
// shift-l cpu load, shift-x crash a pod, shift-f node down/up.
for (const { kind } of KINDS) PAGE_KEYS[`resources:${kind}`] = bindingsFor(kind);
