// helper.DefaultNormalizeScore: scale raw scores so the largest becomes 100 (integer arithmetic),
// optionally reversed so that the largest raw score becomes 0.
import { MAX_NODE_SCORE } from './framework.js';

export function defaultNormalizeScore(scores: number[], reverse: boolean, max = MAX_NODE_SCORE): void {
  let maxCount = 0;
  for (const s of scores) if (s > maxCount) maxCount = s;
  if (maxCount === 0) {
    if (reverse) scores.fill(max);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const scaled = Math.trunc((max * scores[i]) / maxCount);
    scores[i] = reverse ? max - scaled : scaled;
  }
}
