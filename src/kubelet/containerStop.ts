// Stopping a container: its preStop hook and its own shutdown take time, capped by the grace period
// (then SIGKILL, exit 137); and recording how an instance ended.
import { shutdownLines } from '../sim/programOutput.js';
import { terminationReason } from '../sim/workload.js';
import { formatGoDuration as go } from './goDuration.js';
import type { ContainerInstance, ContainerRecord, SyncContext } from './podState.js';

/** preStop time: a `sleep` action or an exec `sleep N`. */
function preStopMs(rec: ContainerRecord): number {
  const hook = rec.spec.lifecycle?.preStop as { sleep?: { seconds: number }; exec?: { command?: string[] } } | undefined;
  if (!hook) return 0;
  if (hook.sleep) return hook.sleep.seconds * 1000;
  const text = (hook.exec?.command ?? []).join(' ');
  const m = /\bsleep\s+(\d+(?:\.\d+)?)/.exec(text);
  return m ? Number(m[1]) * 1000 : 0;
}

/**
 * Asks a running instance to stop at `at` with a grace period: it is gone after its preStop hook
 * and its own shutdown time, or is killed (137) when the grace period runs out first.
 */
export function requestStop(ctx: SyncContext, rec: ContainerRecord, inst: ContainerInstance, at: number, graceSeconds: number, cause: string): void {
  if (inst.terminated || inst.stop) return;
  const graceMs = Math.max(0, graceSeconds) * 1000;
  const wanted = preStopMs(rec) + inst.behaviour.shutdownMs;
  const graceful = wanted <= graceMs;
  const exitCode = graceful ? inst.behaviour.gracefulExitCode : 137;
  inst.stop = { at: at + Math.min(graceMs, wanted), exitCode, reason: terminationReason(exitCode), cause };
  inst.ready = false;
  const flavor = inst.behaviour.program.flavor;
  inst.log.narrate(at, `${flavor === 'nginx' ? 'SIGQUIT' : 'SIGTERM'} sent (${cause}); grace period ${graceSeconds}s`);
  const cpus = ctx.agent.cpuCount();
  if (graceful) inst.log.append(at, () => shutdownLines(flavor, at, cpus));
  ctx.wake(inst.stop.at);
}

export function finishInstance(ctx: SyncContext, rec: ContainerRecord, at: number, exitCode: number, reason: string, why: string): void {
  const inst = rec.current!;
  inst.terminated = { exitCode, reason, startedAt: inst.startedAt, finishedAt: at, ...(/probe failed$/.test(why) ? { probeKilled: true } : {}) };
  inst.ready = false;
  inst.started = false;
  inst.log.narrate(at, `container ${rec.name} exited with code ${exitCode} (${reason}) after ${go(at - inst.startedAt)}`);
  inst.log.end(at);
  ctx.host.decide(ctx.pod, {
    action: `container ${rec.name} exited with code ${exitCode} (${reason})`,
    reason: `${ctx.nodeName}: ran ${go(at - inst.startedAt)}; ${why}`,
    details: { node: ctx.nodeName, container: rec.name, exitCode, reason, ranMs: at - inst.startedAt },
  });
  ctx.host.logsChanged(ctx.pod.metadata.uid ?? '');
}
