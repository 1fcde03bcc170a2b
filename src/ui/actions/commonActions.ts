// Actions every kind has: delete (with a y/N confirmation naming the object), edit in $EDITOR, and
// apply a file.
import { applyFiles, parsePathList } from '../../ops/applyFiles.js';
import { deleteObject, deleteQuestion } from '../../ops/deleteObject.js';
import { editInEditor } from '../edit/editObjectAction.js';
import { ask, confirm } from '../input/pending.js';
import { flashOutcome, writeStore } from './outcome.js';
import { nameOf, type RowAction, type TableAction } from './types.js';

export const deleteAction: RowAction = {
  key: 'ctrl-d',
  description: 'delete (asks y/N; dependents are removed in the background, pods get their grace period)',
  kinds: '*',
  run: (ctx, obj) => {
    const ns = obj.metadata.namespace;
    confirm(ctx, deleteQuestion(obj.kind, ns, nameOf(obj)), () => flashOutcome(ctx, () => deleteObject(writeStore(ctx), obj.kind, ns, nameOf(obj))));
  },
};

export const editAction: RowAction = {
  key: 'e',
  description: 'edit in $EDITOR (validated like kubectl apply; a bad edit is refused with file, line and field and changes nothing)',
  kinds: '*',
  // kubectl edit gets the object first: a refusal is flashed like any other.
  run: (ctx, obj) => flashOutcome(ctx, () => editInEditor(ctx, obj)),
};

export const applyAction: TableAction = {
  table: true,
  key: 'a',
  description: 'apply a manifest file or folder (path relative to where kubesim started)',
  kinds: '*',
  run: (ctx) => {
    ask(ctx, 'apply file or folder:', '', (answer) => {
      const paths = parsePathList(answer);
      if (!paths.length) return ctx.flash('nothing to apply: type a path, e.g. manifests/web.yaml', 'warn');
      flashOutcome(ctx, () => {
        const result = applyFiles(writeStore(ctx), paths);
        return [...result.warnings.map((w) => `Warning: ${w}`), ...result.lines].join('\n');
      });
    });
  },
};

export const COMMON_ACTIONS = [deleteAction, editAction, applyAction];
