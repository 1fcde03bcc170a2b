// The virtual clock and the ways time is driven: timers in order, advance, one step at a time, and
// the dashboard driver's speeds (pause, 1×, 10×, 100×).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cluster } from '../../src/cluster.js';
import { DEFAULT_EPOCH, VirtualClock } from '../../src/sim/clock.js';
import { SimulationDriver } from '../../src/ui/simDriver.js';

describe('virtual clock', () => {
  it('fires timers in time order, same-instant ones in the order they were set; cancelled ones never', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.after(2000, () => fired.push('b'));
    clock.after(1000, () => fired.push('a1'));
    clock.after(1000, () => fired.push('a2'));
    const c = clock.after(1500, () => fired.push('cancelled'));
    clock.cancel(c);
    assert.equal(clock.nextAt(), DEFAULT_EPOCH + 1000);
    clock.setNow(DEFAULT_EPOCH + 5000);
    while (clock.runOneDue()) {
      // drain
    }
    assert.deepEqual(fired, ['a1', 'a2', 'b']);
    assert.equal(clock.nextAt(), undefined);
  });

  it('runs only what is due, never goes back, and a timer set in the past fires now', () => {
    const clock = new VirtualClock();
    let ran = false;
    clock.after(1000, () => (ran = true));
    assert.equal(clock.runOneDue(), false);
    assert.equal(ran, false);
    assert.throws(() => clock.setNow(DEFAULT_EPOCH - 1), /never goes back/);
    const late = clock.at(DEFAULT_EPOCH - 5000, () => undefined);
    assert.equal(late.at, DEFAULT_EPOCH);
  });

  it('prints Kubernetes timestamps to the second and counts elapsed seconds from the start', () => {
    const clock = new VirtualClock();
    clock.setNow(DEFAULT_EPOCH + 61_999);
    assert.equal(clock.iso(), '2026-01-01T00:01:01Z');
    assert.equal(clock.elapsedSeconds(), 61.999);
  });
});

describe('driving a cluster', () => {
  it('advance runs every reconcile and timer up to the target and stops exactly there', () => {
    const c = new Cluster({ seed: 1 });
    c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } } as never);
    c.advance(90_000);
    assert.equal(c.clock.elapsedSeconds(), 90);
    assert.equal(c.store.get('Pod', 'default', 'p')!.status!.phase, 'Running');
  });

  it('step does one unit of work: a queued reconcile first, else the next timer, else idle', () => {
    const c = new Cluster({ seed: 1, nodes: 1 });
    c.advance(0);
    c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } } as never);
    const first = c.step();
    assert.equal(first.ran, 'reconcile');
    assert.match(first.label!, /default\/p/);
    let steps = 0;
    while (c.step().ran === 'reconcile') steps++;
    assert.ok(steps < 100);
    assert.ok(c.clock.elapsedSeconds() > 0, 'the next step jumped to a timer');
  });

  it('the dashboard driver climbs and descends the speed ladder, pauses, and steps', () => {
    const c = new Cluster({ seed: 1, nodes: 1 });
    const d = new SimulationDriver(c, 1);
    d.faster();
    assert.equal(d.speed, 10);
    d.faster();
    d.faster();
    assert.equal(d.speed, 100, 'no faster than 100×');
    d.togglePause();
    assert.equal(d.paused, true);
    assert.equal(d.speed, 0);
    d.togglePause();
    assert.equal(d.speed, 1);
    d.slower();
    d.slower();
    assert.equal(d.speed, 0, 'slowest is paused');
    assert.match(d.step(), /^(ran |advanced to the next timer|nothing to do)/);
    const before = c.clock.now();
    d.advance(30_000);
    assert.equal(c.clock.now() - before, 30_000);
  });
});
