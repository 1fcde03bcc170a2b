// A scenario's timeline as plain data for `kubesim run -o json` (times in seconds since the start,
// like the rest of that output) and as text lines for the table output.
import { formatDurationShort } from '../api/duration.js';
import type { ScenarioRunner } from './runner.js';

export interface ScenarioJson {
  name: string;
  description: string;
  finished: boolean;
  steps: Array<{ step: number; at: number; label: string; note?: string; status: string; ranAt?: number; message?: string }>;
}

export function scenarioJson(runner: ScenarioRunner): ScenarioJson {
  const start = runner.cluster.clock.startedAt;
  return {
    name: runner.scenario.name,
    description: runner.scenario.description,
    finished: runner.finished,
    steps: runner.timeline().map((e) => ({
      step: e.index + 1,
      at: e.atMs / 1000,
      label: e.label,
      ...(e.note ? { note: e.note } : {}),
      status: e.status,
      ...(e.outcome ? { ranAt: (e.outcome.ranAt - start) / 1000, message: e.outcome.message } : {}),
    })),
  };
}

/** `scenario rolling-update: 3 of 5 steps run` and one line per step. */
export function scenarioLines(runner: ScenarioRunner): string[] {
  const timeline = runner.timeline();
  const run = timeline.filter((e) => e.status !== 'pending').length;
  const lines = [`scenario ${runner.scenario.name}: ${run} of ${timeline.length} step${timeline.length === 1 ? '' : 's'} run`];
  for (const e of timeline) {
    const mark = e.status === 'done' ? 'done   ' : e.status === 'failed' ? 'FAILED ' : 'next   ';
    const outcome = e.outcome ? `: ${e.outcome.message.split('\n')[0]}` : '';
    lines.push(`  ${formatDurationShort(e.atMs).padStart(6)}  ${mark} ${e.label}${outcome}`);
  }
  return lines;
}
