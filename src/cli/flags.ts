// Command-line flags parsed with node's util.parseArgs, turned into typed values with messages a
// learner can act on (`--for: "5 minutes" is not a duration; use e.g. 30s, 5m, 1h30m`).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDuration } from '../api/duration.js';
import { userFromFlags } from '../rbac/asUser.js';
import type { UserInfo } from '../store/admission.js';
import { UsageError } from './usage.js';

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`kubesim ${command}: ${message.replace(/\. To specify a positional argument.*$/s, '')}`);
  }
}

export function durationFlag(name: string, value: string | undefined, fallbackMs: number, maxMs = Number.POSITIVE_INFINITY): number {
  if (value === undefined) return fallbackMs;
  let ms: number;
  try {
    ms = parseDuration(value);
  } catch {
    throw new UsageError(`--${name}: "${value}" is not a duration; use e.g. 30s, 5m, 1h30m`);
  }
  if (!Number.isFinite(ms) || ms < 0) throw new UsageError(`--${name}: "${value}" is not a duration; use e.g. 30s, 5m, 1h30m`);
  if (ms > maxMs) throw new UsageError(`--${name}: ${value} is longer than one run may simulate (at most ${maxMs / 3_600_000}h); run in steps with --state FILE`);
  return Math.round(ms); // the clock counts whole milliseconds
}

export function integerFlag(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${name}: "${value}" is not a whole number`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name}: ${n} is out of range; use a number from ${min} to ${max}`);
  return n;
}

export function choiceFlag<T extends string>(name: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name}: "${value}" is not one of ${choices.join(', ')}`);
  return value as T;
}

/** `--as USER` and `--as-group GROUP`...: the subject to act as (kubectl's impersonation flags). */
export function userFlags(command: string, name: string | undefined, groups: string[] | undefined): UserInfo | undefined {
  const prefix = command ? `kubesim ${command}: ` : '';
  if (name === undefined) {
    if (groups?.length) throw new UsageError(`${prefix}--as-group needs --as USER: groups belong to a user`);
    return undefined;
  }
  if (!name.trim()) throw new UsageError(`${prefix}--as: give the name of the user to act as, e.g. --as jane`);
  if (groups?.some((g) => !g.trim())) throw new UsageError(`${prefix}--as-group: a group name cannot be empty`);
  return userFromFlags(name, groups);
}
