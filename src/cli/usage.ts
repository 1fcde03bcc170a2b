// What `kubesim --help` prints, and the error for a bad command line.

export const USAGE = `kubesim: a whole Kubernetes cluster, simulated, with a k9s-style dashboard.

Usage:
  kubesim [-f FILE_OR_DIR]... [--scenario FILE|NAME] [--state FILE] [--seed N] [--nodes N] [--api]
          [--as USER [--as-group GROUP]...]
                                          open the dashboard (with nothing given: the default scenario)
  kubesim serve [--port N] [--kubeconfig FILE] [-f ...] [--scenario ...] [--state FILE]
                                          run the cluster headless at 1x real time behind a Kubernetes
                                          API for kubectl (prints the URL and export KUBECONFIG=...)
  kubesim run (-f FILE_OR_DIR... | --scenario FILE|NAME | --state FILE) [--for DURATION]
              [--seed N] [--nodes N] [-o json|yaml|wide] [--show-secrets]
              [--as USER [--as-group GROUP]...]
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
  --for            how long to run the simulated clock, e.g. 30s, 5m, 1h30m, at most 168h
                   (default 0s; with a scenario: until a minute after its last step)
  --seed           the random seed; the same seed gives the same output (default 1)
  --nodes          how many worker nodes for -f manifests (default 3; scenarios name their nodes)
  --api            (dashboard) also serve the Kubernetes API, as kubesim serve does
  --port           the API's port on 127.0.0.1 (default 6443; 0 picks a free one)
  --kubeconfig     where to write the kubeconfig (default ~/.kube/kubesim.yaml)
  -o, --output     json (one object: time, items, events, decisions, and the scenario's timeline),
                   yaml, or wide tables; Secret values print as "<redacted: N bytes>" (keys kept)
  --show-secrets   (run) print Secret values as stored (base64) in -o json and -o yaml
  --as             act as this user: -f manifests (and, in the dashboard, every action and list)
                   are checked by RBAC and refused with the API server's "forbidden" message
  --as-group       a group of the --as user (repeat for several)

Preferences live in the file \`kubesim config path\` prints (KUBESIM_CONFIG_DIR moves it).
`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
