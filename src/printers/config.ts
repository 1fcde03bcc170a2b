// ConfigMaps, Secrets and ServiceAccounts.
import type { ConfigMap, Secret, ServiceAccount } from '../api/types.js';
import { num, plain, since } from './columns.js';
import { definePrinter } from './printer.js';

export const configMapPrinter = definePrinter<ConfigMap>({
  kind: 'ConfigMap',
  columns: [{ name: 'NAME' }, { name: 'DATA', align: 'right' }, { name: 'AGE', time: true }],
  row: (cm) => [plain(cm.metadata.name!), num(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), since(cm.metadata.creationTimestamp)],
  health: () => 'ok',
});

export const secretPrinter = definePrinter<Secret>({
  kind: 'Secret',
  columns: [{ name: 'NAME' }, { name: 'TYPE' }, { name: 'DATA', align: 'right' }, { name: 'AGE', time: true }],
  row: (s) => [plain(s.metadata.name!), plain(s.type ?? 'Opaque'), num(Object.keys(s.data ?? {}).length), since(s.metadata.creationTimestamp)],
  health: () => 'ok',
});

export const serviceAccountPrinter = definePrinter<ServiceAccount>({
  kind: 'ServiceAccount',
  columns: [{ name: 'NAME' }, { name: 'SECRETS', align: 'right' }, { name: 'AGE', time: true }],
  row: (sa) => [plain(sa.metadata.name!), num(sa.secrets?.length ?? 0), since(sa.metadata.creationTimestamp)],
  health: () => 'ok',
});
