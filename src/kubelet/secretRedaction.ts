// Synthetic logs never show a Secret's value. A container that prints its password (`echo
// $DB_PASSWORD`, `cat /etc/creds/token`) would, in a real cluster; here every value of every Secret
// the pod refers to (env, envFrom, secret volumes, projected volumes) is replaced in what the log
// serves. Values of three characters or fewer are replaced only where they stand alone, so that a
// one-letter value does not blank out every line.
import type { Pod, Secret } from '../api/types.js';
import type { Store } from '../store/store.js';
import { decodeSecretValue } from './envVars.js';

export const LOG_SECRET_MASK = '<redacted>';
const SHORT = 3;

/** The names of the Secrets a pod's containers and volumes refer to. */
export function referencedSecrets(pod: Pod): string[] {
  const names = new Set<string>();
  const spec = pod.spec;
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])]) {
    for (const e of c.envFrom ?? []) if (e.secretRef?.name) names.add(e.secretRef.name);
    for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef?.name) names.add(e.valueFrom.secretKeyRef.name);
  }
  for (const v of spec?.volumes ?? []) {
    if (v.secret?.secretName) names.add(v.secret.secretName);
    for (const s of v.projected?.sources ?? []) if (s.secret?.name) names.add(s.secret.name);
  }
  return [...names].sort();
}

/** Whether anything in the pod can name a Secret (most pods: nothing to look up). */
function mayReferToSecrets(pod: Pod): boolean {
  const spec = pod.spec;
  if (spec?.volumes?.some((v) => v.secret || v.projected?.sources?.some((source) => source.secret))) return true;
  for (const list of [spec?.initContainers, spec?.containers, spec?.ephemeralContainers]) {
    for (const c of list ?? []) if (c.envFrom?.length || c.env?.some((e) => e.valueFrom?.secretKeyRef)) return true;
  }
  return false;
}

/** Every decoded value of the Secrets the pod refers to (as they are now). */
export function podSecretValues(store: Store, pod: Pod): string[] {
  if (!mayReferToSecrets(pod)) return [];
  const ns = pod.metadata.namespace ?? 'default';
  const values = new Set<string>();
  for (const name of referencedSecrets(pod)) {
    const secret = store.get<Secret>('Secret', ns, name);
    for (const v of Object.values(secret?.data ?? {})) {
      const text = typeof v === 'string' ? decodeSecretValue(v) : '';
      if (text) values.add(text);
      // A multi-line value (a key, a certificate) is printed line by line: mask each line too.
      for (const line of text.split('\n')) if (line.trim().length > SHORT) values.add(line.trim());
    }
  }
  return [...values];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A function that masks the values in a line of text; undefined when there is nothing to mask. */
export function secretRedactor(values: readonly string[]): ((text: string) => string) | undefined {
  const usable = values.filter((v) => v.length > 0);
  if (!usable.length) return undefined;
  // Longest first, so a value that contains another is masked whole.
  const parts = [...usable]
    .sort((a, b) => b.length - a.length)
    .map((v) => (v.length > SHORT ? escapeRegExp(v) : `(?<![A-Za-z0-9])${escapeRegExp(v)}(?![A-Za-z0-9])`));
  const pattern = new RegExp(parts.join('|'), 'g');
  return (text) => text.replace(pattern, LOG_SECRET_MASK);
}
