// A problem with a manifest, located so a learner can find it: file, line, column, object, field.

export interface SourceLocation {
  file: string;
  line: number; // 1-based
  column: number; // 1-based
}

export class ManifestError extends Error {
  constructor(
    readonly location: SourceLocation | undefined,
    /** `Deployment default/web`, when the object is known. */
    readonly objectName: string | undefined,
    readonly detail: string,
  ) {
    super(formatProblem(location, objectName, detail));
    this.name = 'ManifestError';
  }
}

/** Several problems found in one pass (an apply reports them all, then stores nothing). */
export class ManifestErrors extends Error {
  constructor(readonly problems: ManifestError[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'ManifestErrors';
  }
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

function formatProblem(loc: SourceLocation | undefined, objectName: string | undefined, detail: string): string {
  const where = [loc ? formatLocation(loc) : undefined, objectName].filter(Boolean).join(': ');
  return where ? `${where}: ${detail}` : detail;
}
