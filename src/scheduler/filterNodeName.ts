// NodeName: a pod that names its node (spec.nodeName) fits only there.
import type { CycleState, Verdict } from './framework.js';
import { reject } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';

export const NODE_NAME = 'NodeName';
export const ERR_NODE_NAME = "node(s) didn't match the requested node name";

export function filterNodeName(pod: PodInfo, node: NodeInfo, _state: CycleState): Verdict {
  const wanted = pod.pod.spec?.nodeName;
  if (!wanted || wanted === node.name) return undefined;
  return reject(NODE_NAME, 'UnschedulableAndUnresolvable', ERR_NODE_NAME);
}
