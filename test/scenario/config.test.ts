import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../src/api/types.js';
import { eventsFor, live, playShipped, pods, runTo, waitingReason } from './helpers.js';

test('config: env and files from a ConfigMap and a Secret; a missing key and a missing Secret hold pods in CreateContainerConfigError until fixed', () => {
  const { cluster, runner } = playShipped('config');
  runTo(cluster, 60);
  const [app] = live(pods(cluster, 'default', 'app-'));
  assert.equal(app.status?.phase, 'Running');
  const [reports] = live(pods(cluster, 'default', 'reports-'));
  const notifier = cluster.store.get<Pod>('Pod', 'default', 'notifier')!;
  assert.equal(waitingReason(reports), 'CreateContainerConfigError');
  assert.equal(reports.status?.containerStatuses?.[0]?.state?.waiting?.message, "couldn't find key FEATURE_FLAGS in ConfigMap default/app-config");
  assert.equal(eventsFor(cluster, reports, 'Failed')[0]?.message, "Error: couldn't find key FEATURE_FLAGS in ConfigMap default/app-config");
  assert.equal(waitingReason(notifier), 'CreateContainerConfigError');
  assert.equal(eventsFor(cluster, notifier, 'Failed')[0]?.message, 'Error: secret "api-token" not found');

  // 2m: the key appears; reports starts at its next retry.
  runTo(cluster, 119);
  assert.equal(waitingReason(live(pods(cluster, 'default', 'reports-'))[0]), 'CreateContainerConfigError');
  runTo(cluster, 170);
  const fixed = live(pods(cluster, 'default', 'reports-'))[0];
  assert.equal(fixed.metadata.uid, reports.metadata.uid, 'the same pod starts: no new pod was needed');
  assert.equal(fixed.status?.phase, 'Running');
  assert.ok(fixed.status?.containerStatuses?.[0]?.state?.running);
  assert.equal(waitingReason(cluster.store.get<Pod>('Pod', 'default', 'notifier')!), 'CreateContainerConfigError');

  // 3m: the Secret appears; notifier starts.
  runTo(cluster, 240);
  assert.equal(cluster.store.get<Pod>('Pod', 'default', 'notifier')?.status?.phase, 'Running');
  assert.ok(runner.finished);
});
