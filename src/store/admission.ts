// The admission chain: plugins that mutate (defaults that need cluster state: service accounts,
// cluster IPs, tolerations) and then validate (namespace lifecycle, quota) every write.
import type { KObject } from '../api/object.js';
import type { Store } from './store.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/** Who asks: the dashboard's or CLI's `--as` user, or a control-plane component. */
export interface UserInfo {
  username: string;
  groups: string[];
}

export interface AdmissionRequest {
  operation: Operation;
  /** The object being written (for DELETE: the stored object). Mutating plugins may change it. */
  object: KObject;
  old?: KObject;
  subresource?: string;
  dryRun: boolean;
  user?: UserInfo;
  store: Store;
}

export interface AdmissionPlugin {
  readonly name: string;
  /** Mutating phase: may change request.object; throws ApiError to refuse. */
  mutate?(request: AdmissionRequest): void;
  /** Validating phase: throws ApiError to refuse. */
  validate?(request: AdmissionRequest): void;
}
