// What `kubesim --help` prints, and the error for a bad command line.

export const USAGE = `kubesim: a whole Kubernetes cluster, simulated, with a k9s-style dashboard.

Usage:
  kubesim [-f FILE_OR_DIR]... [--scenario FILE|NAME] [--state FILE] [--seed N] [--nodes N]
                                          open the dashboard (with nothing given: the default scenario)
  kubesim run (-f FILE_OR_DIR... | --scenario FILE|NAME | --state FILE) [--for DURATION]
              [--seed N] [--nodes N] [-o json|yaml|wide]
                                          run the cluster on its clock, print the result
  kubesim scenarios [-o json]             the shipped scenarios and what each teaches
  kubesim export [-o yaml|json] --state FILE
                                          a saved cluster as manifests kubectl or kubesim run -f take back
  kubesim config path|show                where the preferences file is / what it holds
  kubesim help                            this text

Flags:
  -f, --filename   a manifest file or directory (.yaml, .yml, .json; directories are read recursively)
  --scenario       a scenario file (or a folder with scenario.yaml), or the name of a shipped one
  --state          load the cluster from FILE if it exists; save it there as it changes and on exit
  --for            how long to run the simulated clock, e.g. 30s, 5m, 1h30m (default 0s; with a
                   scenario: until its last step)
  --seed           the random seed; the same seed gives the same output (default 1)
  --nodes          how many worker nodes for -f manifests (default 3; scenarios name their nodes)
  -o, --output     json (one object: time, items, events, decisions, and the scenario's timeline),
                   yaml, or wide tables

Preferences live in the file \`kubesim config path\` prints (KUBESIM_CONFIG_DIR moves it).
`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
