// Every shipped scenario, played for 15 simulated minutes with the cluster's invariants checked at
// every settled instant: a violation fails the scenario at the first instant it appears.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shippedScenarios } from '../../src/scenario/catalog.js';
import { loadScenarioFile } from '../../src/scenario/parseScenario.js';
import { startScenario } from '../../src/scenario/session.js';
import { checkInvariants, checkWhileRunning } from '../../src/sim/invariants.js';

const scenarios = shippedScenarios();

test('there are scenarios to check', () => {
  assert.ok(scenarios.some((s) => s.name === 'default'));
});

for (const s of scenarios) {
  test(`scenario ${s.name}: the invariants hold at every instant for 15 minutes`, () => {
    const { scenario } = loadScenarioFile(s.path);
    const { cluster } = startScenario(scenario, 1);
    let instants = 0;
    cluster.onSettled(() => instants++);
    checkWhileRunning(cluster);
    cluster.advance(15 * 60_000);
    assert.ok(instants > 50, `${instants} settled instants checked`);
    assert.deepEqual(checkInvariants(cluster), []);
  });
}
