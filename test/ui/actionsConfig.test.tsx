import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { resolve } from 'node:path';
import { cleanup } from 'ink-testing-library';
import type { CronJob, Deployment, Job } from '../../src/api/types.js';
import { setEditor } from '../../src/ui/edit/editor.js';
import { frameHas, KEYS, press, runningCluster, startApp, type, waitForFrame } from '../helpers/uiKeys.js';

let restoreEditor: (() => void) | undefined;
afterEach(() => {
  cleanup();
  restoreEditor?.();
  restoreEditor = undefined;
});

test('x on a secret shows its values decoded', async () => {
  const cluster = runningCluster();
  cluster.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, data: { password: Buffer.from('s3cr3t-pw').toString('base64') } });
  const { r } = await startApp(cluster, 'Secret', 'default');
  await waitForFrame(r, frameHas('db'));
  await press(r, 'x');
  const frame = await waitForFrame(r, frameHas('s3cr3t-pw'));
  assert.match(frame, /decoded/);
  await press(r, KEYS.esc, 'y');
  const masked = await waitForFrame(r, (f) => /yaml Secret default\/db/.test(f) && !f.includes('decoded'));
  assert.doesNotMatch(masked, /s3cr3t-pw/);
});

test('e with a bad edit flashes the located reason and changes nothing; a good one applies', async () => {
  const cluster = runningCluster();
  const { r } = await startApp(cluster);
  await waitForFrame(r, frameHas('web'));
  const seen: string[] = [];
  restoreEditor = setEditor((text, fileName) => {
    seen.push(fileName);
    return { text: text.replace(/replicas: 3/, 'replicas: -1') };
  });
  const rv = cluster.store.get('Deployment', 'default', 'web')!.metadata.resourceVersion;
  await press(r, 'e');
  await waitForFrame(r, frameHas(/deployment-web\.yaml:\d+:\d+: Deployment default\/web: spec\.replicas: Invalid value: -1/));
  assert.deepEqual(seen, ['deployment-web.yaml']);
  assert.equal(cluster.store.get('Deployment', 'default', 'web')!.metadata.resourceVersion, rv);

  setEditor((text) => ({ text }));
  await press(r, 'e');
  await waitForFrame(r, frameHas('edit cancelled, no changes made'));

  setEditor((text) => ({ text: text.replace(/replicas: 3/, 'replicas: 4') }));
  await press(r, 'e');
  await waitForFrame(r, frameHas('deployment.apps/web edited'));
  assert.equal(cluster.store.get<Deployment>('Deployment', 'default', 'web')!.spec?.replicas, 4);

  setEditor(() => ({ error: 'could not start the editor "nano": command not found (set $EDITOR)' }));
  await press(r, 'e');
  await waitForFrame(r, frameHas('could not start the editor "nano"'));
});

test('a applies a file given relative to the working directory', async () => {
  const cluster = runningCluster([]);
  const { r } = await startApp(cluster);
  await press(r, 'a');
  await waitForFrame(r, frameHas('apply file or folder:'));
  await type(r, 'fixtures/manifests/book');
  await press(r, KEYS.enter);
  await waitForFrame(r, frameHas('replicationcontroller/mysql created'));
  assert.ok(cluster.store.get('ReplicationController', 'default', 'mysql'));
  assert.equal(resolve('.'), process.cwd());

  await press(r, 'a');
  await type(r, 'test/fixtures/bad/negative-replicas.yaml');
  await press(r, KEYS.enter);
  // The located reason, on two rows at this width.
  await waitForFrame(r, (f) => /✗ test\/fixtures\/bad\/negative-replicas\.yaml:13:\d+: Deployment default\/web: spec\.replicas: Invalid value: -1/.test(f.replace(/\n\s*/g, ' ')));
  assert.equal(cluster.store.get('ConfigMap', 'default', 'fine'), undefined);
});

test('t triggers a cronjob now and s suspends / resumes it', async () => {
  const cluster = runningCluster([]);
  cluster.store.create<CronJob>({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'backup', namespace: 'default' },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'b', image: 'busybox', command: ['true'] }] } } } } },
  });
  const { r } = await startApp(cluster, 'CronJob', 'default');
  await waitForFrame(r, frameHas('backup'));
  await press(r, 't');
  await waitForFrame(r, frameHas(/job\.batch\/backup-manual-[a-z0-9]{3} created/));
  const jobs = cluster.store.list<Job>('Job', { namespace: 'default' });
  assert.equal(jobs.length, 1);
  assert.equal(jobs[0].metadata.ownerReferences?.[0].name, 'backup');
  await press(r, 's');
  await waitForFrame(r, frameHas('cronjob.batch/backup suspended'));
  assert.equal(cluster.store.get<CronJob>('CronJob', 'default', 'backup')?.spec?.suspend, true);
  await press(r, 's');
  await waitForFrame(r, frameHas('cronjob.batch/backup resumed'));
});
