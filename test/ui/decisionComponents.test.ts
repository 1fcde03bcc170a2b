import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesDecisionFilter, shortComponent } from '../../src/ui/components/DecisionPane.js';
import { decisionsFor } from '../../src/ui/model/decisionQuery.js';
import { demoCluster } from '../helpers/ui.js';

// The pane shows `scheduler`, `hpa`, `endpoint`: typing what it shows must find those decisions.
test(':decisions and the pane filter take the component names the pane shows', () => {
  const cluster = demoCluster();
  const page = (component: string) => ({ type: 'decisions' as const, component, filter: '', selectedFromEnd: 0 });
  const scheduler = decisionsFor(cluster, page('scheduler'));
  assert.ok(scheduler.length > 0);
  assert.ok(scheduler.every((d) => d.component === 'default-scheduler'));
  const endpoint = decisionsFor(cluster, page('endpoint'));
  assert.ok(endpoint.length > 0);
  assert.ok(endpoint.every((d) => shortComponent(d.component).trim() === 'endpoint'));
  assert.deepEqual(decisionsFor(cluster, page('default-scheduler')), scheduler);

  const all = cluster.decisions.query({});
  assert.deepEqual(all.filter((d) => matchesDecisionFilter(d, 'scheduler')).length > 0, true);
  const hpa = { ...scheduler[0]!, component: 'horizontal-pod-autoscaler' };
  assert.equal(matchesDecisionFilter(hpa, 'hpa'), true);
  assert.equal(decisionsFor(cluster, { ...page('scheduler'), filter: 'scheduler' }).length, scheduler.length);
});
