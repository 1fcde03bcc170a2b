// Roles, ClusterRoles and their bindings.
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from '../api/types.js';
import { plain, since, text } from './columns.js';
import { definePrinter } from './printer.js';

const createdAt = (ts: string | undefined) => ({ ...since(ts), text: ts ?? '<unknown>', since: undefined });

export const rolePrinter = definePrinter<Role>({
  kind: 'Role',
  columns: [{ name: 'NAME' }, { name: 'CREATED AT' }],
  row: (r) => [plain(r.metadata.name!), createdAt(r.metadata.creationTimestamp)],
  health: () => 'ok',
});

export const clusterRolePrinter = definePrinter<ClusterRole>({
  kind: 'ClusterRole',
  columns: [{ name: 'NAME' }, { name: 'CREATED AT' }],
  row: (r) => [plain(r.metadata.name!), createdAt(r.metadata.creationTimestamp)],
  health: () => 'ok',
});

function subjectsOf(b: RoleBinding | ClusterRoleBinding, kind: string): string {
  return (b.subjects ?? [])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
    .join(', ');
}

const bindingColumns = [{ name: 'NAME' }, { name: 'ROLE' }, { name: 'AGE', time: true }, { name: 'USERS', wide: true }, { name: 'GROUPS', wide: true }, { name: 'SERVICEACCOUNTS', wide: true }];

function bindingRow(b: RoleBinding | ClusterRoleBinding) {
  return [
    plain(b.metadata.name!),
    plain(`${b.roleRef.kind}/${b.roleRef.name}`),
    since(b.metadata.creationTimestamp),
    text(subjectsOf(b, 'User')),
    text(subjectsOf(b, 'Group')),
    text(subjectsOf(b, 'ServiceAccount')),
  ];
}

export const roleBindingPrinter = definePrinter<RoleBinding>({ kind: 'RoleBinding', columns: bindingColumns, row: bindingRow, health: () => 'ok' });
export const clusterRoleBindingPrinter = definePrinter<ClusterRoleBinding>({ kind: 'ClusterRoleBinding', columns: bindingColumns, row: bindingRow, health: () => 'ok' });
