// The ReplicaSet and ReplicationController controllers: one implementation (ReplicaManager), two
// kinds. They differ only in the selector's shape and the component name on their events.
import type { Selector } from '../api/labels.js';
import type { KObject } from '../api/object.js';
import { ReplicaManager } from './replicaset/replicaManager.js';
import { labelSelectorOf, mapSelectorOf } from './replicaset/selectors.js';

export class ReplicaSetController extends ReplicaManager {
  readonly name = 'replicaset-controller';
  readonly kind = 'ReplicaSet';
  protected override readonly primaryKind = 'ReplicaSet';

  protected selectorOf(owner: KObject): Selector {
    return labelSelectorOf(owner);
  }
}

/** The ReplicationController controller (upstream's ReplicationManager): apiVersion v1, plain map selector. */
export class ReplicationManager extends ReplicaManager {
  readonly name = 'replication-controller';
  readonly kind = 'ReplicationController';
  protected override readonly primaryKind = 'ReplicationController';

  protected selectorOf(owner: KObject): Selector {
    return mapSelectorOf(owner);
  }
}
