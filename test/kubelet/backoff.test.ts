import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from '../../src/kubelet/backoff.js';
import { formatGoDuration } from '../../src/kubelet/goDuration.js';
import { podQosClass } from '../../src/kubelet/qos.js';

describe('crash back-off (client-go flowcontrol.Backoff)', () => {
  it('doubles from 10s to a 300s cap', () => {
    const b = new Backoff(10_000, 300_000);
    const delays: number[] = [];
    let t = 0;
    for (let i = 0; i < 8; i++) {
      delays.push(b.next('web', t, t) / 1000);
      t += 1000;
    }
    assert.deepEqual(delays, [10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('counts the delay from the exit and forgets after twice the cap without a failure', () => {
    const b = new Backoff(10_000, 300_000);
    b.next('web', 0, 0);
    b.next('web', 0, 0); // 20s
    assert.equal(b.isInBackOffSince('web', 5_000, 24_999), true);
    assert.equal(b.isInBackOffSince('web', 5_000, 25_000), false);
    // An exit 10 minutes after the last restart is not "in back-off", and the next delay is 10s again.
    assert.equal(b.isInBackOffSince('web', 600_001, 600_002), false);
    assert.equal(b.next('web', 600_001, 600_002), 10_000);
  });

  it('image pulls count from the last failure', () => {
    const b = new Backoff(10_000, 300_000);
    b.next('nginx:bad', 1000, 1000);
    assert.equal(b.isInBackOffSinceUpdate('nginx:bad', 10_999), true);
    assert.equal(b.isInBackOffSinceUpdate('nginx:bad', 11_000), false);
  });
});

describe('Go duration text', () => {
  it('prints like time.Duration.String()', () => {
    const cases: Array<[number, string]> = [[0, '0s'], [512, '512ms'], [2100, '2.1s'], [10_000, '10s'], [80_000, '1m20s'], [160_000, '2m40s'], [300_000, '5m0s'], [3_600_000, '1h0m0s'], [90_500, '1m30.5s']];
    for (const [ms, text] of cases) assert.equal(formatGoDuration(ms), text, String(ms));
  });
});

describe('QoS class', () => {
  const c = (resources: object) => ({ name: 'c', image: 'x', resources });
  it('Guaranteed, Burstable, BestEffort', () => {
    assert.equal(podQosClass({ containers: [c({ limits: { cpu: '500m', memory: '128Mi' } })] }), 'Guaranteed');
    assert.equal(podQosClass({ containers: [c({ requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '500m', memory: '128Mi' } })] }), 'Guaranteed');
    assert.equal(podQosClass({ containers: [c({ requests: { cpu: '250m' } })] }), 'Burstable');
    assert.equal(podQosClass({ containers: [c({ limits: { cpu: '500m', memory: '128Mi' } }), c({})] }), 'Burstable');
    assert.equal(podQosClass({ containers: [c({})] }), 'BestEffort');
  });
});
