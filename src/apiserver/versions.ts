// Objects in the version a request names. kubesim stores one version per kind; the only kind served
// in two versions is HorizontalPodAutoscaler (autoscaling/v2 stored, autoscaling/v1 converted here on
// the way out; on the way in, the manifests' conversion does it).
import { convertToCurrent } from '../api/conversion.js';
import { clone, type KObject } from '../api/object.js';
import type { ResourceInfo } from './apiResources.js';

/** The stored object as the requested version shows it (the same object when nothing changes). */
export function toServedVersion(obj: KObject, r: ResourceInfo): KObject {
  if (!r.stored || r.version === r.stored.version) return obj;
  if (r.kind === 'HorizontalPodAutoscaler' && r.version === 'v1') return hpaToV1(obj);
  return obj;
}

/** A body in the requested version, converted to the stored one. */
export function fromServedVersion(obj: KObject, r: ResourceInfo): KObject {
  if (!r.stored || r.version === r.stored.version) return obj;
  return convertToCurrent(obj).object;
}

function hpaToV1(obj: KObject): KObject {
  const out = clone(obj);
  out.apiVersion = 'autoscaling/v1';
  const spec = obj.spec ?? {};
  const cpu = (spec.metrics ?? []).find((m: any) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization');
  out.spec = { scaleTargetRef: spec.scaleTargetRef, maxReplicas: spec.maxReplicas };
  if (spec.minReplicas !== undefined) out.spec.minReplicas = spec.minReplicas;
  if (cpu) out.spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  const status = obj.status;
  if (status) {
    out.status = { currentReplicas: status.currentReplicas ?? 0, desiredReplicas: status.desiredReplicas ?? 0 };
    if (status.observedGeneration !== undefined) out.status.observedGeneration = status.observedGeneration;
    if (status.lastScaleTime) out.status.lastScaleTime = status.lastScaleTime;
    const current = (status.currentMetrics ?? []).find((m: any) => m.type === 'Resource' && m.resource?.name === 'cpu');
    if (current?.resource?.current?.averageUtilization !== undefined) out.status.currentCPUUtilizationPercentage = current.resource.current.averageUtilization;
  }
  return out;
}
