// What every control-plane component is handed: the store, the clock, randomness, the work queue
// and the two ways to explain itself (Events for users, Decisions for learners).
import type { DecisionLog } from '../events/decisionLog.js';
import type { EventRecorder } from '../events/eventRecorder.js';
import type { VirtualClock } from '../sim/clock.js';
import type { SeededRandom } from '../sim/random.js';
import type { UsageModel } from '../sim/usage.js';
import type { Store } from '../store/store.js';
import type { WorkQueue } from './workQueue.js';

export interface ControlPlane {
  store: Store;
  clock: VirtualClock;
  random: SeededRandom;
  queue: WorkQueue;
  decisions: DecisionLog;
  events: EventRecorder;
  usage: UsageModel;
}
