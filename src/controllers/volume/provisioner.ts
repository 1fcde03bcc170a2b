// A simulated external provisioner, run in-process for whatever provisioner a StorageClass names:
// after PROVISIONING_DELAY_MS it creates the PV `pvc-<claim uid>` pre-bound to the claim, with the
// class's reclaim policy and mount options and `pv.kubernetes.io/provisioned-by`. Node-local
// provisioners (rancher.io/local-path, kind's default) make a hostPath volume pinned to the node the
// scheduler selected; the others make a CSI volume of their driver.
import type { Node, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../api/types.js';
import { ANN_PROVISIONED_BY, claimRequestText, claimVolumeMode } from './storageHelpers.js';

/** How long the simulated provisioner takes to create a volume. */
export const PROVISIONING_DELAY_MS = 2000;

/** Provisioners whose volumes live on one node's disk. */
export const LOCAL_PROVISIONERS: ReadonlySet<string> = new Set([
  'rancher.io/local-path',
  'k8s.io/minikube-hostpath',
  'microk8s.io/hostpath',
  'openebs.io/local',
  'kubernetes.io/host-path',
]);

export function provisionedVolumeName(claim: PersistentVolumeClaim): string {
  return `pvc-${claim.metadata.uid}`;
}

/** The node's `kubernetes.io/hostname` label (what local volumes pin to), its name when unknown. */
function hostnameOf(nodeName: string, node: Node | undefined): string {
  return node?.metadata.labels?.['kubernetes.io/hostname'] ?? nodeName;
}

export function buildProvisionedVolume(claim: PersistentVolumeClaim, sc: StorageClass, selectedNode?: string, node?: Node): PersistentVolume {
  const name = provisionedVolumeName(claim);
  const provisioner = sc.provisioner;
  const local = LOCAL_PROVISIONERS.has(provisioner);
  const ns = claim.metadata.namespace ?? 'default';
  const pv: PersistentVolume = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { [ANN_PROVISIONED_BY]: provisioner } },
    spec: {
      accessModes: [...(claim.spec?.accessModes ?? ['ReadWriteOnce'])],
      capacity: { storage: claimRequestText(claim) },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: ns,
        name: claim.metadata.name,
        uid: claim.metadata.uid,
        resourceVersion: claim.metadata.resourceVersion,
      },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: claimVolumeMode(claim),
    },
    status: { phase: 'Pending' },
  };
  const spec = pv.spec!;
  if (sc.mountOptions?.length) spec.mountOptions = [...sc.mountOptions];
  if (local) {
    spec.hostPath = { path: `/var/local-path-provisioner/${name}_${ns}_${claim.metadata.name}`, type: 'DirectoryOrCreate' };
    if (selectedNode) {
      spec.nodeAffinity = {
        required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [hostnameOf(selectedNode, node)] }] }] },
      };
    }
  } else {
    const fsType = sc.parameters?.['csi.storage.k8s.io/fstype'] ?? sc.parameters?.fsType ?? 'ext4';
    spec.csi = { driver: provisioner, volumeHandle: claim.metadata.uid!, fsType };
  }
  return pv;
}
