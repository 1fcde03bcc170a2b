// Picks the component for the current page (resource tables are drawn by App itself, which also
// owns their table model).
import React from 'react';
import type { Cluster } from '../../cluster.js';
import type { Page } from '../model/pages.js';
import type { UiAction } from '../model/uiReducer.js';
import type { UiState } from '../model/uiState.js';
import type { ViewInfo } from '../input/keyContext.js';
import { DecisionsView } from './DecisionsView.js';
import { HelpView, helpLines } from './HelpView.js';

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
}

export function PageView(props: PageViewProps) {
  const { page, state, height, width, cluster } = props;
  switch (page.type) {
    case 'help':
      props.viewInfo.contentLines = helpLines(state.stack[state.stack.length - 2]).length + 1;
      return <HelpView page={state.stack[state.stack.length - 2]} scroll={page.scroll} height={height} width={width} />;
    case 'decisions':
      return <DecisionsView cluster={cluster} page={page} height={height} width={width} />;
    default:
      return null;
  }
}
