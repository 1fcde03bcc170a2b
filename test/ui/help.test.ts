import assert from 'node:assert/strict';
import { test } from 'node:test';
import { helpLines, helpRows } from '../../src/ui/views/HelpView.js';
import { resourcePage } from '../../src/ui/model/pages.js';

// At 80 columns the help must say everything it knows: descriptions wrap instead of losing their end.
test('help at 80 columns wraps every description and every key in full, within the width', () => {
  const page = resourcePage('Deployment', 'default');
  const rows = helpRows(page, 80);
  for (const r of rows) {
    const shown = r.section ?? `  ${r.key ?? ''}`.padEnd(r.text === undefined ? 0 : 20) + (r.text ?? '');
    assert.ok(shown.length <= 80, `too wide: ${shown}`);
  }
  const text = rows.map((r) => `${r.key ?? ''} ${r.text ?? ''}`).join(' ').replace(/\s+/g, ' ');
  for (const l of helpLines(page)) {
    if (!l.binding) continue;
    assert.ok(text.includes(l.binding.key), `key ${l.binding.key}`);
    assert.ok(text.includes(l.binding.description.replace(/\s+/g, ' ')), `description of ${l.binding.key}`);
  }
});
