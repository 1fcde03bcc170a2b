// What a benchmark case is: a name, a sentence, and a run that returns its figures. The runner
// prints the figures and one closing JSON line `{"case": name, ...figures}`.

export type Figures = Record<string, number | string | boolean>;

export interface BenchContext {
  /** Small sizes: what `npm test` runs so the cases never rot. */
  quick: boolean;
  /** A line of human-readable progress or figures. */
  log(line: string): void;
}

export interface BenchCase {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Figures>;
}
