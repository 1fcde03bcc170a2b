// Re-render on cluster change, at most once per frame: store writes and decisions arrive in bursts
// (hundreds per simulation slice), so they only mark the view dirty; a frame timer turns "dirty" into
// one render. When nothing changes, nothing renders (an idle dashboard costs almost no CPU).
import { useEffect, useState } from 'react';
import type { Cluster } from '../../cluster.js';

export const FRAME_MS = 100;

export function useClusterRevision(cluster: Cluster, clockTickMs = 1000): number {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    let dirty = false;
    let lastClockSecond = Math.floor(cluster.clock.now() / clockTickMs);
    const markDirty = () => {
      dirty = true;
    };
    const unwatch = cluster.store.watch({}, markDirty);
    const unlisten = cluster.decisions.subscribe(markDirty);
    const timer = setInterval(() => {
      const second = Math.floor(cluster.clock.now() / clockTickMs);
      if (dirty || second !== lastClockSecond) {
        dirty = false;
        lastClockSecond = second;
        setRevision((r) => r + 1);
      }
    }, FRAME_MS);
    return () => {
      unwatch();
      unlisten();
      clearInterval(timer);
    };
  }, [cluster, clockTickMs]);
  return revision;
}
