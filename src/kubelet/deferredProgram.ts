// A container's program as the kubelet keeps it while the container runs: what the lifecycle and
// the probes read (flavor, end, ports, warm-up), and, only when someone reads the log or a script's
// files, the program itself, built again from what determines it (the container, the image and the
// start context, all fixed at the start). buildProgram is a pure function of those, so the output
// is the same as the first build's; the first build's closures (and what they hold) are not kept.
//
// Every running container has one, so it is small: what the lifecycle reads is one object shared by
// the programs that came out the same (the replicas of a template), and the start context is kept
// as fields, the context object made again for a rebuild.
import type { Container } from '../api/types.js';
import type { ImageRef } from '../sim/imageRef.js';
import { buildProgram, type Program, type ProgramContext, type ProgramEnd } from '../sim/program.js';
import type { ShellEnd, ShellStep } from '../sim/shellRun.js';
import { sharedText } from './sharedByContent.js';
import { BoundedCache } from '../util/boundedCache.js';

/** What a built program tells the lifecycle and the probes (never changed once made). */
interface ProgramFacts {
  readonly flavor: Program['flavor'];
  readonly end: ProgramEnd | undefined;
  readonly summary: string;
  readonly ports: number[] | undefined;
  readonly warmupMs: number;
  readonly healthFailsAfterMs: number | undefined;
}

/** Distinct facts remembered at most; past that the table starts again (sharing is an optimisation). */
const LIMIT = 4096;
const factsTable = new BoundedCache<string, ProgramFacts>(LIMIT);

function factsOf(built: Program): ProgramFacts {
  const { flavor, end, summary, ports, warmupMs, healthFailsAfterMs } = built;
  const key = `${flavor}\0${end ? `${end.afterMs}/${end.exitCode}` : ''}\0${ports ? ports.join(',') : '-'}\0${warmupMs}\0${healthFailsAfterMs ?? ''}\0${summary}`;
  const known = factsTable.get(key);
  if (known) return known;
  const facts: ProgramFacts = { flavor, end, summary: sharedText(summary), ports, warmupMs, healthFailsAfterMs };
  return factsTable.set(key, facts);
}

export class DeferredProgram implements Program {
  private readonly facts: ProgramFacts;
  private readonly env: ProgramContext['env'];
  private readonly files: ProgramContext['files'];
  private readonly hostname: string;
  private readonly podIP: string;
  private readonly startEpochMs: number;
  private readonly cpuCount: number;

  constructor(
    built: Program,
    private readonly container: Container,
    private readonly ref: ImageRef,
    context: ProgramContext,
  ) {
    this.facts = factsOf(built);
    this.env = context.env;
    this.files = context.files;
    this.hostname = context.hostname;
    this.podIP = context.podIP;
    this.startEpochMs = context.startEpochMs;
    this.cpuCount = context.cpuCount;
  }

  get flavor(): Program['flavor'] {
    return this.facts.flavor;
  }

  get end(): ProgramEnd | undefined {
    return this.facts.end;
  }

  get summary(): string {
    return this.facts.summary;
  }

  get ports(): number[] | undefined {
    return this.facts.ports;
  }

  get warmupMs(): number {
    return this.facts.warmupMs;
  }

  get healthFailsAfterMs(): number | undefined {
    return this.facts.healthFailsAfterMs;
  }

  run(): Iterator<ShellStep, ShellEnd | void> {
    const context: ProgramContext = { env: this.env, files: this.files, hostname: this.hostname, podIP: this.podIP, startEpochMs: this.startEpochMs, cpuCount: this.cpuCount };
    return buildProgram(this.container, this.ref, context).run();
  }
}
