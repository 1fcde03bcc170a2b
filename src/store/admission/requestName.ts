// The name an admission error shows. The apiserver refuses a generateName'd object before it has a
// name, so the message names the prefix (`pods "web-7c5ddbdf54-" is forbidden: ...`). The store fills
// in generated names between the mutating and validating phases, so the first mutating plugin
// remembers what the request asked for and validating plugins read it back.
import { forbidden } from '../../api/errors.js';
import type { KObject } from '../../api/object.js';
import type { AdmissionPlugin } from '../admission.js';
import { resourceName } from '../store.js';

const requested = new WeakMap<KObject, string>();

export const rememberRequestedName: AdmissionPlugin = {
  name: 'RequestedName',
  mutate(request) {
    const meta = request.object.metadata;
    // Only a request without a name gets one before validation: a named object is read back from
    // its metadata (so not every write pays for a WeakMap entry).
    if (!meta.name) requested.set(request.object, meta.generateName || '');
  },
};

export function requestedName(obj: KObject): string {
  return requested.get(obj) ?? (obj.metadata.name || obj.metadata.generateName || '');
}

/** `pods "x" is forbidden: <why>`, as admission.NewForbidden builds it. */
export function forbiddenFor(obj: KObject, why: string) {
  return forbidden(resourceName(obj.kind), requestedName(obj), why);
}
