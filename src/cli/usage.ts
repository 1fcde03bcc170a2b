// What `kubesim --help` prints, and the error for a bad command line.

export const USAGE = `kubesim: a whole Kubernetes cluster, simulated, with a k9s-style dashboard.

Usage:
  kubesim [-f FILE_OR_DIR]... [--seed N] [--nodes N]       open the dashboard on a running cluster
  kubesim run -f FILE_OR_DIR [-f ...] [--for DURATION] [--seed N] [--nodes N] [-o json|yaml|wide]
                                                           load manifests, run the clock, print the result
  kubesim help                                             this text

Flags of run:
  -f, --filename   a manifest file or directory (.yaml, .yml, .json; directories are read recursively)
  --for            how long to run the simulated clock, e.g. 30s, 5m, 1h30m (default 0s)
  --seed           the random seed; the same seed gives the same output (default 1)
  --nodes          how many worker nodes (default 3)
  -o, --output     json (one object: time, items, events, decisions), yaml, or wide tables
`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
