import fc from 'fast-check';
import { caseText, fixtureObjects, manifestCase } from '../test/hardening/manifestArbitraries.js';
import { applyHostileText, newStats } from '../test/hardening/outcome.js';
const fixtures = fixtureObjects();
console.log('fixtures', fixtures.length);
const stats = newStats();
const seed = Number(process.argv[2] ?? 1);
const runs = Number(process.argv[3] ?? 300);
const failures: string[] = [];
let i = 0;
const res = fc.check(fc.property(manifestCase, (c) => {
  const text = caseText(c, fixtures);
  try { applyHostileText(text, 'fuzz.yaml', stats); }
  catch (e) { failures.push(String((e as Error).message).slice(0, 700) + '\n--- TEXT:\n' + text.slice(0, 1500)); throw e; }
}), { seed, numRuns: runs, endOnFailure: true });
console.log(JSON.stringify(stats));
if (res.failed) { console.log("FAILED seed", seed, fc.stringify(res.counterexample)); console.log(String((res as any).errorInstance?.stack ?? (res as any).error).slice(0, 3000)); console.log(caseText(res.counterexample![0], fixtures).slice(0, 1500));
}
