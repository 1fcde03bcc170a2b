// Per-pod CPU and memory usage: what metrics-server would report. Feeds the HPA and the dashboard.
import type { KObject } from '../api/object.js';

export interface PodUsage {
  cpuMilli: number;
  memoryBytes: number;
}

export interface UsageModel {
  /** Current usage of a running pod, or undefined when it has no metrics (not running yet). */
  podUsage(pod: KObject): PodUsage | undefined;
}
