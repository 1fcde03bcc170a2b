// `kubectl describe` text for any object, shared by the dashboard and the CLI: the kind's own
// sections, then its Events, then kubesim's Decisions about it. Pure: object and context in, lines out.
import type { KObject } from '../../api/object.js';
import { describeHpa } from './autoscaling.js';
import { describeConfigMap, describeSecret } from './config.js';
import type { DescribeContext, Describer } from './context.js';
import { describeGeneric } from './generic.js';
import { decisionLines, eventsAbout, writeEvents } from './history.js';
import { describeService } from './network.js';
import { describeNode } from './node.js';
import { describePod } from './pod.js';
import { LEVEL_0, PrefixWriter } from './prefixWriter.js';
import { describePersistentVolumeClaim } from './storage.js';
import { describeDeployment, describeReplicaSet } from './workloads.js';

export type { DescribeContext } from './context.js';

const DESCRIBERS: Record<string, Describer<any>> = {
  Pod: describePod,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  ReplicationController: describeReplicaSet,
  Node: describeNode,
  Service: describeService,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  Secret: describeSecret,
  ConfigMap: describeConfigMap,
  HorizontalPodAutoscaler: describeHpa,
};

export function describe(obj: KObject, ctx: DescribeContext): string[] {
  const w = new PrefixWriter();
  (DESCRIBERS[obj.kind] ?? describeGeneric)(w, obj, ctx);
  if (ctx.eventsRefused) w.write(LEVEL_0, `Events:\t${ctx.eventsRefused}\n`);
  else writeEvents(w, eventsAbout(ctx.store, obj), ctx.now);
  return [...w.lines(), ...decisionLines(ctx.decisions ?? [], ctx.now, undefined, ctx.width)];
}
