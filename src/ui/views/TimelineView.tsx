// `:timeline`: the scenario being played — what happened (each step, when it ran, what the cluster
// answered) and what comes next (with how long until it runs). `R` restarts the scenario on a fresh
// cluster. Without a scenario it says how to start one.
import { Box, Text } from 'ink';
import React from 'react';
import { formatDurationShort } from '../../api/duration.js';
import type { ScenarioSession } from '../../scenario/session.js';
import type { ViewInfo } from '../input/keyContext.js';
import type { SimplePage } from '../model/pages.js';
import { theme, type Colour } from '../theme.js';

export interface TimelineLine {
  text: string;
  colour?: Colour;
  bold?: boolean;
}

/** Lines of the description shown above the steps (the rest is in `kubesim scenarios`). */
const DESCRIPTION_LINES = 2;

/**
 * The page's text, as lines (pure: tested without Ink). One line per step so the whole timeline
 * fits an 80×24 terminal: past steps with their outcome, the next one with its note and countdown.
 */
export function timelineLines(session: ScenarioSession | undefined, width: number): TimelineLine[] {
  if (!session) {
    return [
      { text: ' No scenario is playing in this dashboard.' },
      { text: ' Start one with `kubesim --scenario NAME`; `kubesim scenarios` lists the shipped ones', colour: theme.dim },
      { text: ' (rolling-update, node-failure, scheduling, storage, jobs, autoscaling, config, rbac-quota, broken-app).', colour: theme.dim },
    ];
  }
  const { runner, scenario } = session;
  const clock = runner.cluster.clock;
  const elapsed = clock.now() - clock.startedAt;
  const lines: TimelineLine[] = [];
  const description = wrap(scenario.description, Math.max(20, width - 2));
  description.slice(0, DESCRIPTION_LINES).forEach((chunk, i) => {
    const more = i === DESCRIPTION_LINES - 1 && description.length > DESCRIPTION_LINES;
    lines.push({ text: ` ${chunk}${more ? ' …' : ''}`, colour: theme.dim });
  });
  if (scenario.initial.files.length) lines.push({ text: `     0s  done    apply ${scenario.initial.files.join(', ')} (${scenario.initial.manifests.length} objects)` });
  const timeline = runner.timeline();
  const next = timeline.find((e) => e.status === 'pending');
  for (const e of timeline) {
    const at = formatDurationShort(e.atMs).padStart(6);
    if (e.outcome) {
      const failed = !e.outcome.ok;
      lines.push({ text: ` ${at}  ${failed ? 'FAILED' : 'done  '}  ${e.label} → ${e.outcome.message.split('\n').join('; ')}`, colour: failed ? 'red' : undefined });
    } else if (e === next) {
      // Whole seconds: the clock runs in milliseconds, the countdown need not.
      const due = formatDurationShort(Math.ceil(Math.max(0, e.atMs - elapsed) / 1000) * 1000);
      lines.push({ text: `>${at}  next    ${e.label} (in ${due})`, colour: theme.accent, bold: true });
      if (e.note) lines.push({ text: `                 ${e.note}`, colour: theme.dim });
    } else {
      lines.push({ text: ` ${at}          ${e.label}`, colour: theme.dim });
    }
  }
  if (!timeline.length) lines.push({ text: ' This scenario has no steps: the cluster is yours to change.', colour: theme.dim });
  else if (!next) lines.push({ text: ' Every step has run. Press R to play the scenario again from the start.', colour: theme.dim });
  return lines;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

export interface TimelineViewProps {
  session?: ScenarioSession;
  page: SimplePage;
  height: number;
  width: number;
  /** Re-render on cluster change (the clock moves the countdown). */
  revision: number;
  viewInfo: ViewInfo;
}

export function TimelineView({ session, page, height, width, viewInfo }: TimelineViewProps) {
  const lines = timelineLines(session, width);
  viewInfo.contentLines = lines.length;
  const body = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(page.scroll, lines.length - body));
  const title = session
    ? ` timeline: scenario ${session.scenario.name} (${session.runner.timeline().filter((e) => e.status !== 'pending').length}/${session.runner.timeline().length} steps run${session.restarts ? `, restarted ${session.restarts}x` : ''}) — R restart `
    : ' timeline ';
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.title} wrap="truncate-end">
        {title.padEnd(width, '─')}
      </Text>
      {lines.slice(start, start + body).map((l, i) => (
        <Text key={start + i} color={l.colour} bold={l.bold} wrap="truncate-end">
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
