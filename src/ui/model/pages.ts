// What the main pane can show. The navigation stack is a list of pages; Enter pushes, Esc pops.
import type { ObjectRef } from '../../events/decisionLog.js';

export interface ResourcePage {
  type: 'resources';
  /** The Kind name (`Pod`, `Deployment`). */
  kind: string;
  /** undefined = all namespaces. Ignored for cluster-scoped kinds. */
  namespace: string | undefined;
  /** Drill-down scope: only objects matching this label selector / on this node / owned by this uid. */
  labelSelector?: string;
  nodeName?: string;
  ownerUid?: string;
  fieldSelector?: string;
  /** What the crumb says for a drill-down (`web` for the pods of deployment web). */
  scopeLabel?: string;
  /** The `/` filter: a regex over visible columns, `!regex` inverse, `-l selector` labels. */
  filter: string;
  /** The selected row's object key, so the selection survives re-sorting and churn. */
  selectedKey?: string;
  sortColumn?: string;
  sortDescending?: boolean;
  /** The column shift-← / shift-→ picked, for shift-o to sort by. */
  chosenColumn?: string;
}

export interface TextPage {
  type: 'describe' | 'yaml';
  ref: ObjectRef;
  scroll: number;
  /** Show decoded secret values (the `x` key on a secret). */
  decoded?: boolean;
  /** The `/` filter: only lines matching this regex (`!regex`: the others). */
  filter?: string;
  /** Long lines wrap (the default) or are cut at the edge (false). */
  wrap?: boolean;
}

export interface LogsPage {
  type: 'logs';
  ref: ObjectRef;
  container?: string;
  previous: boolean;
  follow: boolean;
  scroll: number;
  /** The `/` filter: only lines matching this regex (`!regex`: the others). */
  filter?: string;
  /** Long lines wrap (the default) or are cut at the edge (false). */
  wrap?: boolean;
}

export interface DecisionsPage {
  type: 'decisions';
  component?: string;
  object?: ObjectRef;
  filter: string;
  /** Index from the newest (0 = follow the tail). */
  selectedFromEnd: number;
  expanded?: number;
}

export interface ContainersPage {
  type: 'containers';
  pod: ObjectRef;
  selected: number;
}

export interface XrayPage {
  type: 'xray';
  kind: string;
  namespace: string | undefined;
  selected: number;
  /** The `/` filter: rows matching it, with the path above them. */
  filter?: string;
}

export interface SimplePage {
  type: 'pulse' | 'help' | 'timeline';
  scroll: number;
}

export interface CanPage {
  type: 'can';
  subject: string;
  selected: number;
  /** The `/` filter over resource names. */
  filter?: string;
}

export type Page = ResourcePage | TextPage | LogsPage | DecisionsPage | ContainersPage | XrayPage | SimplePage | CanPage;

export function resourcePage(kind: string, namespace: string | undefined, extra: Partial<ResourcePage> = {}): ResourcePage {
  return { type: 'resources', kind, namespace, filter: '', ...extra };
}
