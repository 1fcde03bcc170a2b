// `y`: the object as YAML (no managedFields; Secret values masked as *** until `x` decodes them).
// Under `--as` it needs what `kubectl get -o yaml` needs, get of the object (a Secret's values too).
import React, { useMemo } from 'react';
import { refName } from '../../events/decisionLog.js';
import { objectYaml } from '../model/objectYaml.js';
import { theme } from '../theme.js';
import { goneText, pageObject, pageRefusal, refusalLines, type TextViewProps } from './DescribeView.js';
import { sanitize, TextPane, type PaneLine } from './TextPane.js';

/** Top-level keys (`spec:`, `status:`) stand out so the structure reads at a glance. */
function yamlLines(text: string[]): PaneLine[] {
  return text.map((t) => {
    const line = sanitize(t);
    return /^[A-Za-z]+:/.test(line) ? { text: line, bold: true, colour: theme.accent } : { text: line };
  });
}

export function YamlView({ cluster, page, height, width, revision, viewInfo, user }: TextViewProps) {
  const refused = useMemo(() => pageRefusal(cluster, page, user), [revision, cluster, page.ref, user]);
  const obj = refused ? undefined : pageObject(cluster, page);
  // Store objects are replaced on every write, so the object itself is the cache key.
  const lines = useMemo(() => (refused ? refusalLines(refused) : obj ? yamlLines(objectYaml(obj, page.decoded)) : []), [obj, refused, page.decoded]);
  const filter = page.filter;
  const title = `yaml ${page.ref.kind} ${refName(page.ref)}${page.decoded ? ' (decoded)' : ''}`;
  return <TextPane title={title} lines={lines} scroll={page.scroll} filter={filter} height={height} width={width} viewInfo={viewInfo} wrap={page.wrap !== false} empty={obj ? undefined : goneText(page)} />;
}
