// A container's `resources`: names, quantities, and requests never above limits.
import type { FieldCause } from '../errors.js';
import { compareQuantities } from '../quantity.js';
import { field, type Path } from './fieldPath.js';
import {
  isHugePageResourceName,
  isOvercommitAllowed,
  qtext,
  readResourceList,
  validateContainerResourceName,
  validateResourceQuantityValue,
} from './quantities.js';

export function validateContainerResources(resources: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const limPath = at.child('limits');
  const reqPath = at.child('requests');
  const limits = readResourceList(resources?.limits, limPath, errs);
  const requests = readResourceList(resources?.requests, reqPath, errs);
  let cpuOrMemory = false;
  let hugePages = false;

  for (const [name, q] of limits) {
    errs.push(...validateContainerResourceName(name, limPath.key(name)));
    errs.push(...validateResourceQuantityValue(name, q, limPath.key(name)));
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, q] of requests) {
    errs.push(...validateContainerResourceName(name, reqPath.key(name)));
    errs.push(...validateResourceQuantityValue(name, q, reqPath.key(name)));
    const limit = limits.get(name);
    if (limit) {
      // GPUs and hugepages cannot be overcommitted: their request must equal the limit.
      if (!isOvercommitAllowed(name) && compareQuantities(q, limit) !== 0) {
        errs.push(field.invalid(reqPath, qtext(q), `must be equal to ${name} limit of ${qtext(limit)}`));
      } else if (compareQuantities(q, limit) > 0) {
        errs.push(field.invalid(reqPath, qtext(q), `must be less than or equal to ${name} limit of ${qtext(limit)}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(field.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (hugePages && !cpuOrMemory) errs.push(field.forbidden(at, 'HugePages require cpu or memory'));
  return errs;
}
