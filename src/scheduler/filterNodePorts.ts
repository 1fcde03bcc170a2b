// NodePorts: a hostPort (with its protocol and host IP) can be used by one pod per node.
import type { CycleState, Verdict } from './framework.js';
import { reject } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';

export const NODE_PORTS = 'NodePorts';
export const ERR_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

export function filterNodePorts(pod: PodInfo, node: NodeInfo, _state: CycleState): Verdict {
  for (const hp of pod.hostPorts) {
    if (node.portInUse(hp)) return reject(NODE_PORTS, 'Unschedulable', ERR_NODE_PORTS);
  }
  return undefined;
}
