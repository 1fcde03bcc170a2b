// Property-based: generated and damaged manifests (and scenarios) end in stored objects or located
// errors — never another exception — and whatever validation lets through, the control plane runs
// without a reconcile throwing and without breaking an invariant. A fixed seed and a modest number of
// runs keep this quick; bench/cases/fuzz.ts runs many more and measures time and memory per case.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import YAML from 'yaml';
import { ManifestErrors } from '../../src/manifests/errors.js';
import { parseScenarioText } from '../../src/scenario/parseScenario.js';
import { ScenarioSession } from '../../src/scenario/session.js';
import { checkInvariants } from '../../src/sim/invariants.js';
import { caseText, damage, fixtureObjects, manifestCase, mutate, mutation, serialise, textDamage } from './manifestArbitraries.js';
import { internalErrors } from './clusterHealth.js';
import { applyHostileText, assertLocated, newStats } from './outcome.js';

const fixtures = fixtureObjects();

test('generated and damaged manifests: stored objects or located errors, and a cluster that copes', () => {
  const stats = newStats();
  fc.assert(
    fc.property(manifestCase, (c) => {
      applyHostileText(caseText(c, fixtures), 'fuzz.yaml', stats);
    }),
    { seed: 1122, numRuns: 250 },
  );
  assert.ok(stats.stored > 10 && stats.refused > 100, JSON.stringify(stats));
});

test('valid fixtures with values of the right type but odd content: the controllers run them or refuse them', () => {
  const stats = newStats();
  const tweaks = fc.array(mutation.filter((m) => m.op === 'tweak'), { minLength: 1, maxLength: 3 });
  fc.assert(
    fc.property(fc.nat(), tweaks, (i, mutations) => {
      const text = serialise([mutate(fixtures[i % fixtures.length]!, mutations)], 'yaml');
      applyHostileText(text, 'tweaked.yaml', stats, 60_000);
    }),
    { seed: 3344, numRuns: 120 },
  );
  assert.ok(stats.stored > 30, JSON.stringify(stats));
});

// ---- scenarios ---------------------------------------------------------------------------------

const SCENARIOS = readdirSync('fixtures/scenarios')
  .sort()
  .map((name) => join('fixtures/scenarios', name, 'scenario.yaml'));

test('generated and damaged scenarios: a scenario that plays, or located errors', () => {
  let played = 0;
  let refused = 0;
  fc.assert(
    fc.property(fc.nat(), fc.array(mutation, { maxLength: 3 }), fc.array(textDamage, { maxLength: 2 }), (i, mutations, damages) => {
      const file = SCENARIOS[i % SCENARIOS.length]!;
      const body = YAML.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const text = damage(YAML.stringify(mutate(body, mutations), { lineWidth: 0 }), damages);
      let scenario;
      try {
        scenario = parseScenarioText(text, file, dirname(file)).scenario;
      } catch (error) {
        assert.ok(error instanceof ManifestErrors, `a scenario refusal must be ManifestErrors: ${String(error)}`);
        assertLocated(error, file, { allowOtherFiles: true });
        refused++;
        return;
      }
      let session: ScenarioSession;
      try {
        session = new ScenarioSession(scenario, 1);
      } catch (error) {
        // Its manifests applied at the start were refused (a file listed twice re-applies a Pod).
        assertLocated(error, file, { allowOtherFiles: true });
        refused++;
        return;
      }
      session.cluster.runUntil(session.cluster.clock.now() + 120_000, 300);
      assert.deepEqual(internalErrors(session.cluster), []);
      assert.deepEqual(checkInvariants(session.cluster), []);
      played++;
    }),
    { seed: 5566, numRuns: 60 },
  );
  assert.ok(played > 3 && refused > 10, JSON.stringify({ played, refused }));
});
