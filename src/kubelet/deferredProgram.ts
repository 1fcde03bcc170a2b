// A container's program as the kubelet keeps it while the container runs: what the lifecycle and
// the probes read (flavor, end, ports, warm-up), and, only when someone reads the log or a script's
// files, the program itself, built again from what determines it (the container, the image and the
// start context, all fixed at the start). buildProgram is a pure function of those, so the output
// is the same as the first build's; the first build's closures (and what they hold) are not kept.
import type { Container } from '../api/types.js';
import type { ImageRef } from '../sim/imageRef.js';
import { buildProgram, type Program, type ProgramContext, type ProgramEnd } from '../sim/program.js';
import type { ShellEnd, ShellStep } from '../sim/shellRun.js';

export class DeferredProgram implements Program {
  readonly flavor: Program['flavor'];
  readonly end: ProgramEnd | undefined;
  readonly summary: string;
  readonly ports: number[] | undefined;
  readonly warmupMs: number;
  readonly healthFailsAfterMs: number | undefined;

  constructor(
    built: Program,
    private readonly container: Container,
    private readonly ref: ImageRef,
    private readonly context: ProgramContext,
  ) {
    this.flavor = built.flavor;
    this.end = built.end;
    this.summary = built.summary;
    this.ports = built.ports;
    this.warmupMs = built.warmupMs;
    this.healthFailsAfterMs = built.healthFailsAfterMs;
  }

  run(): Iterator<ShellStep, ShellEnd | void> {
    return buildProgram(this.container, this.ref, this.context).run();
  }
}
