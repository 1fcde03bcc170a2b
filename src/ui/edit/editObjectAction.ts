// `e`: edit the selected object in the editor, then validate and apply what was saved. The
// simulation does not run on while the editor is open: the driver's clock restarts from now.
import type { KObject } from '../../api/object.js';
import { applyEditedText, editFileText } from '../../ops/editObject.js';
import type { KeyContext } from '../input/keyContext.js';
import { flashOutcome, writeStore } from '../actions/outcome.js';
import { currentEditor } from './editor.js';

export function editFileName(obj: KObject): string {
  return `${obj.kind.toLowerCase()}-${obj.metadata.name}.yaml`.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function editInEditor(ctx: KeyContext, obj: KObject): void {
  const fresh = ctx.cluster.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name ?? '');
  if (!fresh) return ctx.flash(`${obj.kind} ${obj.metadata.name} is gone`, 'error');
  const before = editFileText(fresh);
  const fileName = editFileName(fresh);
  const result = currentEditor()(before, fileName);
  ctx.driver.setSpeed(ctx.driver.speed); // restart the driver's wall clock: no jump for the time spent editing
  if (result.text === undefined) return ctx.flash(result.error ?? 'the editor failed; nothing changed', 'error');
  flashOutcome(ctx, () => applyEditedText(writeStore(ctx), fresh, before, result.text!, fileName));
}
