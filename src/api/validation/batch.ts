// Jobs and CronJobs (pkg/apis/batch/validation).
import type { FieldCause } from '../errors.js';
import { deepEqual, field, immutable, nonNegative, path, type Path } from './fieldPath.js';
import { goLabelSelector, goLiteral } from './goFormat.js';
import { validateLabelSelector, validateMeta } from './meta.js';
import { isDNS1123Label, nameIsDNSSubdomain } from './names.js';
import { validatePodTemplateSpec } from './podSpec.js';
import { isTimeZone, scheduleError } from './cronSchedule.js';
import { compileSelector, templateLabelsMismatch } from './selectors.js';

const completionModes = ['NonIndexed', 'Indexed'];
const maxParallelismForIndexedJob = 100000;
const podFailureActions = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const conditionStatuses = ['False', 'True', 'Unknown'];
const concurrencyPolicies = ['Allow', 'Forbid', 'Replace'];

function validatePodFailurePolicy(spec: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const rules: any[] = spec.podFailurePolicy?.rules ?? [];
  if (rules.length > 20) errs.push(field.tooMany(at.child('rules'), rules.length, 20));
  rules.forEach((rule, i) => {
    const p = at.child('rules').index(i);
    if (!rule.action) errs.push(field.required(p.child('action'), `valid values: ["${podFailureActions.join('" "')}"]`));
    else if (rule.action === 'FailIndex' && spec.backoffLimitPerIndex === undefined) {
      errs.push(field.invalid(p.child('action'), rule.action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!podFailureActions.includes(rule.action)) errs.push(field.notSupported(p.child('action'), rule.action, podFailureActions));
    if (rule.onExitCodes) {
      const e = rule.onExitCodes;
      const ep = p.child('onExitCodes');
      if (!e.operator) errs.push(field.required(ep.child('operator'), 'valid values: ["In" "NotIn"]'));
      else if (!['In', 'NotIn'].includes(e.operator)) errs.push(field.notSupported(ep.child('operator'), e.operator, ['In', 'NotIn']));
      const values: number[] = e.values ?? [];
      if (!values.length) errs.push(field.invalid(ep.child('values'), goLiteral('[]int32(nil)'), 'at least one value is required'));
      values.forEach((v, j) => {
        if (e.operator === 'In' && v === 0) errs.push(field.invalid(ep.child('values').index(j), v, 'must not be 0 for the In operator'));
      });
    }
    for (const [j, pattern] of (rule.onPodConditions ?? []).entries()) {
      const sp = p.child('onPodConditions').index(j).child('status');
      if (!pattern.status) errs.push(field.required(sp, 'valid values: ["False" "True" "Unknown"]'));
      else if (!conditionStatuses.includes(pattern.status)) errs.push(field.notSupported(sp, pattern.status, conditionStatuses));
    }
  });
  return errs;
}

/** validateJobSpec: what a Job's spec and a CronJob's job template share. */
function validateJobSpecCommon(spec: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  for (const key of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) {
    errs.push(...nonNegative(spec[key], at.child(key)));
  }
  if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes !== null && (spec.backoffLimitPerIndex === undefined || spec.backoffLimitPerIndex === null)) {
    errs.push(field.required(at.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== null) {
    if (!completionModes.includes(mode)) errs.push(field.notSupported(at.child('completionMode'), mode, completionModes));
    if (mode === 'Indexed') {
      if (spec.completions === undefined || spec.completions === null) errs.push(field.required(at.child('completions'), 'when completion mode is Indexed'));
      if (spec.parallelism > maxParallelismForIndexedJob) {
        errs.push(field.invalid(at.child('parallelism'), spec.parallelism, `must be less than or equal to ${maxParallelismForIndexedJob} when completion mode is Indexed`));
      }
    }
  }
  if (mode === undefined || mode === null || mode === 'NonIndexed') {
    for (const key of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
      if (spec[key] !== undefined && spec[key] !== null) errs.push(field.invalid(at.child(key), spec[key], 'requires indexed completion mode'));
    }
  }
  if (spec.podFailurePolicy) errs.push(...validatePodFailurePolicy(spec, at.child('podFailurePolicy')));
  const replacement = spec.podReplacementPolicy;
  if (replacement !== undefined && replacement !== null) {
    if (spec.podFailurePolicy && replacement !== 'Failed') errs.push(field.notSupported(at.child('podReplacementPolicy'), replacement, ['Failed']));
    else if (!['Failed', 'TerminatingOrFailed'].includes(replacement)) {
      errs.push(field.notSupported(at.child('podReplacementPolicy'), replacement, ['Failed', 'TerminatingOrFailed']));
    }
  }
  errs.push(...validatePodTemplateSpec(spec.template, at.child('template'), { jobTemplate: true }));

  // Jobs run to completion: Always (or nothing, which would default to Always) is refused.
  const restartPolicy = spec.template?.spec?.restartPolicy;
  const rp = at.child('template', 'spec', 'restartPolicy');
  if (!restartPolicy || restartPolicy === 'Always') errs.push(field.required(rp, 'valid values: "OnFailure", "Never"'));
  else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') errs.push(field.notSupported(rp, restartPolicy, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && restartPolicy !== 'Never') errs.push(field.invalid(rp, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/**
 * ValidateJobSpec. The apiserver generates the selector (from the Job's uid) before validating;
 * kubesim's store does that in admission, so only a manual or already-set selector is checked.
 */
function validateJobSpec(spec: any, at: Path): FieldCause[] {
  const errs = validateJobSpecCommon(spec, at);
  if (!spec.selector) {
    if (spec.manualSelector) errs.push(field.required(at.child('selector')));
    return errs;
  }
  errs.push(...validateLabelSelector(spec.selector, at.child('selector')));
  const selector = compileSelector(spec.selector);
  if (selector) errs.push(...templateLabelsMismatch(selector, spec.template?.metadata?.labels, at.child('template', 'metadata', 'labels')));
  return errs;
}

// Fields of a suspended, never-started Job's template that may still change (scheduling directives).
function schedulingDirectivesStripped(template: any): any {
  const t = structuredClone(template ?? {});
  delete t.metadata?.labels;
  delete t.metadata?.annotations;
  if (t.spec) {
    delete t.spec.nodeSelector;
    delete t.spec.tolerations;
    delete t.spec.schedulingGates;
    if (t.spec.affinity) delete t.spec.affinity.nodeAffinity;
  }
  return t;
}

function validateJobSpecUpdate(spec: any, old: any, oldJob: any): FieldCause[] {
  const at = path('spec');
  const errs: FieldCause[] = [];
  errs.push(...immutable(spec.completions, old.completions, at.child('completions')));
  errs.push(...immutable(spec.selector, old.selector, at.child('selector'), goLiteral(goLabelSelector(spec.selector))));
  const mutableDirectives = old.suspend === true && !oldJob.status?.startTime;
  const [now, before] = mutableDirectives
    ? [schedulingDirectivesStripped(spec.template), schedulingDirectivesStripped(old.template)]
    : [spec.template, old.template];
  if (!deepEqual(now, before)) errs.push(field.invalid(at.child('template'), goLiteral('core.PodTemplateSpec{...}'), 'field is immutable'));
  for (const key of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    errs.push(...immutable(spec[key], old[key], at.child(key)));
  }
  return errs;
}

export function validateJob(obj: any, old?: any): FieldCause[] {
  const spec = obj.spec ?? {};
  const name = obj.metadata?.name ?? '';
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  errs.push(...validateJobSpec(spec, path('spec')));
  if (!old && spec.completionMode === 'Indexed' && spec.completions > 0 && name) {
    // Indexed pods are named <job>-<index>; the longest must still be a DNS label.
    const longest = `${name}-${spec.completions - 1}`;
    if (isDNS1123Label(longest).length) {
      errs.push(field.invalid(path('metadata', 'name'), name, `will not able to create pod with invalid DNS label: ${longest}`));
    }
  }
  if (old) errs.push(...validateJobSpecUpdate(spec, old.spec ?? {}, old));
  return errs;
}

// --- CronJob -----------------------------------------------------------------------------------

function validateTimeZone(timeZone: unknown, at: Path): FieldCause[] {
  if (timeZone === undefined || timeZone === null) return [];
  const tz = String(timeZone);
  if (!tz) return [field.invalid(at, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part)) {
      return [field.invalid(at, tz, `unknown time zone ${tz}`)];
    }
  }
  if (tz.toLowerCase() === 'local') return [field.invalid(at, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  return isTimeZone(tz) ? [] : [field.invalid(at, tz, `unknown time zone ${tz}`)];
}

function validateCronJobSpec(spec: any, oldSpec: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const schedule: string = spec.schedule ?? '';
  if (!schedule) errs.push(field.required(at.child('schedule')));
  else {
    const problem = scheduleError(schedule);
    if (problem) errs.push(field.invalid(at.child('schedule'), schedule, problem));
    // Objects that already had TZ= in their schedule may keep it; new ones must use spec.timeZone.
    const allowTZ = !!oldSpec?.schedule?.includes('TZ');
    if (allowTZ && schedule.includes('TZ') && spec.timeZone !== undefined && spec.timeZone !== null) {
      errs.push(field.invalid(at.child('schedule'), schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    } else if (!allowTZ && schedule.includes('TZ')) {
      errs.push(field.invalid(at.child('schedule'), schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  errs.push(...nonNegative(spec.startingDeadlineSeconds, at.child('startingDeadlineSeconds')));
  if (!oldSpec || oldSpec.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone, at.child('timeZone')));
  const policy = spec.concurrencyPolicy;
  if (!policy) errs.push(field.required(at.child('concurrencyPolicy')));
  else if (!concurrencyPolicies.includes(policy)) errs.push(field.notSupported(at.child('concurrencyPolicy'), policy, concurrencyPolicies));

  const jobSpec = spec.jobTemplate?.spec ?? {};
  const jt = at.child('jobTemplate', 'spec');
  errs.push(...validateJobSpecCommon(jobSpec, jt));
  if (jobSpec.selector) errs.push(field.invalid(jt.child('selector'), goLiteral(goLabelSelector(jobSpec.selector)), '`selector` will be auto-generated'));
  if (jobSpec.manualSelector === true) errs.push(field.notSupported(jt.child('manualSelector'), true, ['nil', 'false']));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, at.child('successfulJobsHistoryLimit')));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, at.child('failedJobsHistoryLimit')));
  return errs;
}

export function validateCronJob(obj: any, old?: any): FieldCause[] {
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  errs.push(...validateCronJobSpec(obj.spec ?? {}, old?.spec, path('spec')));
  // Job names append an 11-character suffix; 63 - 11 = 52. Only new CronJobs are held to it.
  const name: string = obj.metadata?.name ?? '';
  if (!old && name.length > 52) errs.push(field.invalid(path('metadata', 'name'), name, 'must be no more than 52 characters'));
  return errs;
}
