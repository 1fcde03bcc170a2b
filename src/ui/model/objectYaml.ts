// The YAML of an object as the dashboard shows it: without the bookkeeping noise
// (metadata.managedFields), and with a Secret's values masked unless decoding was asked for, in
// which case they appear as readable `stringData` (which applies back to the same Secret).
import YAML from 'yaml';
import type { KObject } from '../../api/object.js';

export const MASK = '***';
/** kubectl apply keeps the whole manifest here, a Secret's data included. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function displayObject(obj: KObject, decoded = false): Record<string, unknown> {
  const { managedFields: _managed, ...metadata } = obj.metadata as Record<string, unknown>;
  const out: Record<string, unknown> = { ...obj, metadata };
  const annotations = obj.metadata.annotations;
  if (obj.kind === 'Secret' && !decoded && annotations?.[LAST_APPLIED] !== undefined) {
    metadata.annotations = { ...annotations, [LAST_APPLIED]: MASK };
  }
  if (obj.kind === 'Secret' && obj.data) {
    const data = obj.data as Record<string, string>;
    if (decoded) {
      delete out.data;
      out.stringData = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
    } else {
      out.data = Object.fromEntries(Object.keys(data).map((k) => [k, MASK]));
    }
  }
  return out;
}

export function objectYaml(obj: KObject, decoded = false): string[] {
  return YAML.stringify(displayObject(obj, decoded), { lineWidth: 0 }).trimEnd().split('\n');
}
