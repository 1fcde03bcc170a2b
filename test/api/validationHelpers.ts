// Builders of small valid objects and a helper that defaults then validates, for the validation tests.
import assert from 'node:assert/strict';
import { applyDefaults } from '../../src/api/defaults/index.js';
import type { KObject } from '../../src/api/object.js';
import { validateObject } from '../../src/api/validation/index.js';

type Obj = Record<string, any>;

/** A defaulted copy; typed loosely so tests can reach into any field. */
export function defaulted(obj: Obj): Obj {
  const copy = structuredClone(obj);
  applyDefaults(copy as KObject);
  return copy;
}

/** The messages the apiserver would print for this object (defaulted first, as on a real write). */
export function messages(obj: Obj, old?: Obj): string[] {
  return validateObject(defaulted(obj) as KObject, old ? (defaulted(old) as KObject) : undefined).map((c) => c.message);
}

export function assertValid(obj: Obj, old?: Obj): void {
  assert.deepEqual(messages(obj, old), []);
}

/** The object is rejected with exactly this message among its causes. */
export function assertRejects(obj: Obj, message: string, old?: Obj): void {
  const got = messages(obj, old);
  assert.ok(got.includes(message), `expected\n  ${message}\namong\n  ${got.join('\n  ') || '(no causes)'}`);
}

export const podSpec = (extra: Obj = {}): Obj => ({ containers: [{ name: 'web', image: 'nginx:1.25', ...extra }] });

export function pod(spec: Obj = podSpec(), meta: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', ...meta }, spec };
}

export const template = (spec: Obj = podSpec(), labels: Obj = { app: 'web' }): Obj => ({ metadata: { labels }, spec });

export function deployment(spec: Obj = {}, meta: Obj = {}): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', ...meta },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
  };
}

export const withKind = (kind: string, apiVersion: string, obj: Obj): Obj => ({ ...obj, kind, apiVersion });

export function job(spec: Obj = {}): Obj {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default' },
    spec: { template: template({ ...podSpec(), restartPolicy: 'Never' }, { app: 'pi' }), ...spec },
  };
}

export function cronJob(spec: Obj = {}): Obj {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: { spec: { template: template({ ...podSpec(), restartPolicy: 'OnFailure' }, { app: 'hello' }) } },
      ...spec,
    },
  };
}

export function service(spec: Obj = {}, name = 'web'): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
  };
}
