// ValidatePodSpec and ValidatePodTemplateSpec: what every pod, and every workload's template, must satisfy.
import type { FieldCause } from '../errors.js';
import { field, type Path } from './fieldPath.js';
import { validateContainers, validateDNS1123Label, validateInitContainers } from './containers.js';
import { validateLabels, validateQualifiedName, validateTemplateMeta } from './meta.js';
import { inclusiveRangeError, isIP, isValidUserID, invalidIPMsg, nameIsDNSSubdomain } from './names.js';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './podScheduling.js';
import { validateVolumes } from './volumes.js';

const restartPolicies = ['Always', 'OnFailure', 'Never'];
const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const maxInt32 = 2147483647;

export interface PodSpecOptions {
  /** The spec belongs to a Pod (not a template): host ports must then match container ports. */
  isPod?: boolean;
  /**
   * A Job's template: kubesim leaves its restartPolicy undefaulted, and the job rules report it, so
   * the generic "Required value" would only repeat them.
   */
  jobTemplate?: boolean;
}

function validateEnum(value: unknown, supported: string[], at: Path): FieldCause[] {
  if (value === undefined || value === null || value === '') return [field.required(at)];
  return supported.includes(value as string) ? [] : [field.notSupported(at, value, supported)];
}

function validateDNSConfig(config: any, dnsPolicy: string, at: Path): FieldCause[] {
  if (dnsPolicy === 'None') {
    if (!config) return [field.required(at, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!config.nameservers?.length) return [field.required(at.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!config) return [];
  const errs: FieldCause[] = [];
  (config.nameservers ?? []).forEach((ns: string, i: number) => {
    if (!isIP(ns)) errs.push(field.invalid(at.child('nameservers').index(i), ns, invalidIPMsg));
  });
  (config.searches ?? []).forEach((s: string, i: number) => {
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    for (const msg of nameIsDNSSubdomain(trimmed, false)) errs.push(field.invalid(at.child('searches').index(i), trimmed, msg));
  });
  return errs;
}

function validatePodSecurityContext(sc: any, at: Path): FieldCause[] {
  if (!sc) return [];
  const errs: FieldCause[] = [];
  for (const key of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    if (typeof sc[key] === 'number') for (const msg of isValidUserID(sc[key])) errs.push(field.invalid(at.child(key), sc[key], msg));
  }
  return errs;
}

export function validatePodSpec(spec: any, at: Path, opts: PodSpecOptions = {}): FieldCause[] {
  const s = spec ?? {};
  const errs: FieldCause[] = [];
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) {
    errs.push(field.required(at.child('terminationGracePeriodSeconds')));
  }
  const { names: volumes, errs: volumeErrs } = validateVolumes(s.volumes, at.child('volumes'));
  errs.push(...volumeErrs);
  errs.push(...validateContainers(s.containers, volumes, at.child('containers')));
  errs.push(...validateInitContainers(s.initContainers, s.containers, volumes, at.child('initContainers')));
  if (s.hostNetwork) {
    (s.containers ?? []).forEach((c: any, i: number) => {
      (c.ports ?? []).forEach((port: any, j: number) => {
        const hp = port.hostPort ?? 0;
        if ((opts.isPod || hp !== 0) && hp !== port.containerPort) {
          errs.push(field.invalid(at.child('containers').index(i).child('ports').index(j).child('hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  if (!opts.jobTemplate || s.restartPolicy) errs.push(...validateEnum(s.restartPolicy, restartPolicies, at.child('restartPolicy')));
  errs.push(...validateEnum(s.dnsPolicy, dnsPolicies, at.child('dnsPolicy')));
  errs.push(...validateLabels(s.nodeSelector, at.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(s.securityContext, at.child('securityContext')));
  errs.push(...validateAffinity(s.affinity, at.child('affinity')));
  errs.push(...validateDNSConfig(s.dnsConfig, s.dnsPolicy, at.child('dnsConfig')));
  errs.push(...validateTopologySpreadConstraints(s.topologySpreadConstraints, at.child('topologySpreadConstraints')));
  for (const key of ['serviceAccountName', 'nodeName', 'priorityClassName']) {
    if (s[key]) for (const msg of nameIsDNSSubdomain(s[key], false)) errs.push(field.invalid(at.child(key), s[key], msg));
  }
  const deadline = s.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && (deadline < 1 || deadline > maxInt32)) {
    errs.push(field.invalid(at.child('activeDeadlineSeconds'), deadline, inclusiveRangeError(1, maxInt32)));
  }
  if (s.hostname) errs.push(...validateDNS1123Label(s.hostname, at.child('hostname')));
  if (s.subdomain) errs.push(...validateDNS1123Label(s.subdomain, at.child('subdomain')));
  errs.push(...validateTolerations(s.tolerations, at.child('tolerations')));
  const gates = new Set<string>();
  (s.schedulingGates ?? []).forEach((g: any, i: number) => {
    errs.push(...validateQualifiedName(g.name ?? '', at.child('schedulingGates').index(i)));
    if (gates.has(g.name)) errs.push(field.duplicate(at.child('schedulingGates').index(i), g.name));
    gates.add(g.name);
  });
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null) {
    errs.push(...validateEnum(s.preemptionPolicy, ['PreemptLowerPriority', 'Never'], at.child('preemptionPolicy')));
  }
  return errs;
}

/** ValidatePodTemplateSpec: labels and annotations under `<template>.labels`, then the spec. */
export function validatePodTemplateSpec(template: any, at: Path, opts: PodSpecOptions = {}): FieldCause[] {
  const t = template ?? {};
  const errs = [...validateTemplateMeta(t.metadata, at), ...validatePodSpec(t.spec, at.child('spec'), opts)];
  if (t.spec?.ephemeralContainers?.length) {
    errs.push(field.forbidden(at.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
