// Picks the component for the current page (resource tables are drawn by App itself, which also
// owns their table model).
import React from 'react';
import type { Cluster } from '../../cluster.js';
import type { ScenarioSession } from '../../scenario/session.js';
import type { UserInfo } from '../../store/admission.js';
import type { Page } from '../model/pages.js';
import type { UiAction } from '../model/uiReducer.js';
import type { UiState } from '../model/uiState.js';
import type { ViewInfo } from '../input/keyContext.js';
import type { PulseHistory } from '../model/pulseHistory.js';
import { CanView } from './CanView.js';
import { ContainersView } from './ContainersView.js';
import { DecisionsView } from './DecisionsView.js';
import { DescribeView } from './DescribeView.js';
import { HelpView, helpRows } from './HelpView.js';
import { LogsView } from './LogsView.js';
import { PulseView } from './PulseView.js';
import { TimelineView } from './TimelineView.js';
import { XrayView } from './XrayView.js';
import { YamlView } from './YamlView.js';

export interface PageViewProps {
  cluster: Cluster;
  page: Page;
  state: UiState;
  dispatch: (action: UiAction) => void;
  height: number;
  width: number;
  /** Bumps when the cluster changed: views re-read the store then. */
  revision: number;
  /** Text pages report how many lines they have here, so scrolling keys can clamp. */
  viewInfo: ViewInfo;
  /** The pulse history started with the dashboard (pulseHistoryFor(cluster) when not given). */
  pulse?: PulseHistory;
  /** The scenario being played, for the timeline page. */
  scenario?: ScenarioSession;
  /** `--as`: the object pages (describe, yaml, logs) ask RBAC what kubectl would. */
  user?: UserInfo;
}

export function PageView(props: PageViewProps) {
  const { page, state, height, width, cluster } = props;
  switch (page.type) {
    case 'help':
      props.viewInfo.contentLines = helpRows(state.stack[state.stack.length - 2], width).length + 1;
      return <HelpView page={state.stack[state.stack.length - 2]} scroll={page.scroll} height={height} width={width} />;
    case 'decisions':
      return <DecisionsView cluster={cluster} page={page} height={height} width={width} />;
    case 'describe':
      return <DescribeView cluster={cluster} page={page} height={height} width={width} revision={props.revision} viewInfo={props.viewInfo} user={props.user} />;
    case 'yaml':
      return <YamlView cluster={cluster} page={page} height={height} width={width} revision={props.revision} viewInfo={props.viewInfo} user={props.user} />;
    case 'logs':
      return <LogsView cluster={cluster} page={page} height={height} width={width} revision={props.revision} viewInfo={props.viewInfo} user={props.user} />;
    case 'containers':
      return <ContainersView cluster={cluster} page={page} height={height} width={width} revision={props.revision} viewInfo={props.viewInfo} user={props.user} />;
    case 'xray':
      return <XrayView cluster={cluster} page={page} height={height} width={width} revision={props.revision} viewInfo={props.viewInfo} user={props.user} />;
    case 'pulse':
      return <PulseView cluster={cluster} page={page} history={props.pulse} height={height} width={width} revision={props.revision} viewInfo={props.viewInfo} />;
    case 'can':
      return <CanView cluster={cluster} page={page} namespace={state.namespace} height={height} width={width} revision={props.revision} viewInfo={props.viewInfo} />;
    case 'timeline':
      return <TimelineView session={props.scenario} page={page} height={height} width={width} revision={props.revision} viewInfo={props.viewInfo} />;
    default:
      return null;
  }
}
