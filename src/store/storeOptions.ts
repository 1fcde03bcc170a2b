// The options of the store's reads and writes, and the shape of a snapshot.
import type { FieldSelector } from '../api/fields.js';
import type { Selector } from '../api/labels.js';
import type { KObject } from '../api/object.js';
import type { UserInfo } from './admission.js';

export interface ListOptions {
  namespace?: string;
  labelSelector?: Selector;
  fieldSelector?: FieldSelector;
  /** Only objects with an ownerReference to this uid. */
  ownerUid?: string;
  /** Only pods bound to this node. */
  nodeName?: string;
}

export interface WriteOptions {
  dryRun?: boolean;
  user?: UserInfo;
  /** Skip defaulting and validation: only for objects the control plane builds itself from valid ones. */
  trusted?: boolean;
  /**
   * The caller hands the object over, keeping no reference to it and changing none of it afterwards,
   * so it is stored as it is instead of being copied (the control plane's fresh Events, a kubelet's
   * freshly built status). create, update and updateStatus; modify's draft is never copied anyway.
   */
  adopt?: boolean;
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface Snapshot {
  resourceVersion: number;
  objects: KObject[];
}
