// A scratch entry for profiling: `node --cpu-prof --import tsx bench/lib/probe.ts NODES DEPLOYMENTS REPLICAS`
// loads an envelope of that size (no invariant checks) and prints where it stands.
import { loadEnvelope } from './envelope.js';
import { peakRssMiB } from './stats.js';

const [nodes, deployments, replicas] = process.argv.slice(2).map(Number);
const cpu0 = process.cpuUsage();
const env = loadEnvelope({ quick: false, log: (l) => console.log(l) }, { nodes: nodes || 500, deployments: deployments || 50, replicas: replicas || 100, namespaces: 15 }, 0);
const cpu = process.cpuUsage(cpu0);
console.log(`cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (incl. cluster start ${env.startSeconds.toFixed(1)} s wall), wall ${env.wallSeconds.toFixed(1)} s, virtual ${env.virtualSeconds} s, scheduler ${Math.round(env.schedulerPodsPerSecond)} pods/s, peak rss ${peakRssMiB()} MiB, events ${env.cluster.store.count('Event')}, reconciles ${env.cluster.reconciles}, timers ${env.cluster.clock.pendingTimers()}`);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  console.log(`live heap after gc ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
}
