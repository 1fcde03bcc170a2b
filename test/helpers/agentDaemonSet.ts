// The node-agent DaemonSet the drain tests place pods of: `agent`, image agent:1, in default.
import type { KObject } from '../../src/api/object.js';

export function agentDaemonSet(): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent:1' }] } } },
  };
}
