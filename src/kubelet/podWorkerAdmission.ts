// The pod worker's admission step: the pod's requests are admitted on the node, or the pod is
// rejected (with an event and a decision) and will be reported Failed.
import { admitPod } from './admission.js';
import type { PodWorker } from './podWorker.js';
import { podQosClass } from './qos.js';
import { FLAG_ADMITTED } from './workerFlags.js';

export function admitToNode(w: PodWorker): void {
  const verdict = admitPod(w.agent, w.pod);
  if (!verdict.ok) {
    w.rejected = { reason: verdict.reason, message: `Pod was rejected: ${verdict.message}` };
    w.host.event(w.pod, w.nodeName, 'Warning', verdict.reason, verdict.message);
    w.host.decide(w.pod, { action: `rejected pod: ${verdict.reason}`, reason: `${w.nodeName}: ${verdict.message} (kubelet admission re-checks what the scheduler assumed)`, details: { node: w.nodeName, ...verdict.problem } });
    return;
  }
  w.setFlag(FLAG_ADMITTED, true);
  w.agent.admit(w.uid, verdict.requests);
  w.qosClass = w.pod.status?.qosClass ?? podQosClass(w.pod.spec!);
}
