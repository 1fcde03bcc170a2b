// Node actions: cordon, uncordon, drain (confirmed; its output summed up on the flash line) and the
// node-down fault, which stops the node's kubelet (and brings it back).
import { toggleNode } from '../../ops/faults.js';
import { cordonNode, drainNode, uncordonNode } from '../../ops/nodes.js';
import { confirm } from '../input/pending.js';
import { flashOutcome, writeStore } from './outcome.js';
import { nameOf, type ResourceAction } from './types.js';

export const cordonAction: ResourceAction = {
  key: 'c',
  description: 'cordon: no new pods are scheduled here; running pods stay',
  hint: 'cordon',
  kinds: ['Node'],
  run: (ctx, obj) => flashOutcome(ctx, () => cordonNode(writeStore(ctx), nameOf(obj))),
};

export const uncordonAction: ResourceAction = {
  key: 'u',
  description: 'uncordon: pods may be scheduled here again',
  kinds: ['Node'],
  run: (ctx, obj) => flashOutcome(ctx, () => uncordonNode(writeStore(ctx), nameOf(obj))),
};

export const drainAction: ResourceAction = {
  key: 'r',
  description: 'drain (asks y/N): cordon, then evict every pod (DaemonSet pods stay; emptyDir data is lost)',
  hint: 'drain',
  kinds: ['Node'],
  run: (ctx, obj) => {
    const name = nameOf(obj);
    confirm(ctx, `Drain node "${name}" (cordon, evict its pods; DaemonSet pods stay)?`, () =>
      flashOutcome(ctx, () => drainNode(writeStore(ctx), name)),
    );
  },
};

export const nodeFaultAction: ResourceAction = {
  key: 'shift-f',
  description: 'fault: take the node down (its kubelet stops posting status) / bring it back',
  hint: 'node down/up',
  kinds: ['Node'],
  run: (ctx, obj) => flashOutcome(ctx, () => toggleNode(ctx.cluster, nameOf(obj))),
};

export const NODE_ACTIONS = [cordonAction, uncordonAction, drainAction, nodeFaultAction];
