export const MAIN_HELP = `drydock — how ready is each application to run well on Kubernetes

Usage:
  drydock scan [PATH…] [options]     score workloads in manifest files, directories or - (stdin)
  drydock patch [PATH…] [options]    write the patches that close the gaps
  drydock checks [--format table|json]  list the check catalog
  drydock --help | --version

Run 'drydock <command> --help' for a command's options.
Exit codes: 0 ok, 1 a gate (--fail-on, --min-score) failed, 2 usage or input error.
`;

export const SCAN_HELP = `Usage: drydock scan [PATH…] [options]
       drydock scan --kubeconfig FILE | --context NAME | --all-contexts | --in-cluster [options]

Scores every workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet, Pod) found in
the given files and directories (*.yaml, *.yml, *.json, recursively); '-' reads standard input.
With a cluster option it scans live clusters instead (read-only; Secrets are never requested).

Options:
  -c, --config FILE      config file (default: drydock.config.yaml in the current directory, if any)
  -f, --format FORMAT    table (default), json, csv, sarif, junit, markdown
  -o, --output FILE      write the report to FILE instead of standard output ('-': standard output)
      --fail-on SEV      exit 1 if any unexempted finding is critical (critical) or warning or worse (warning)
      --min-score N      exit 1 if the overall score is below N (0–100)
  -n, --namespace NS     only apps in namespace NS (repeatable; overrides the config's namespaces)
      --kubeconfig FILE  kubeconfig to use (repeatable; default $KUBECONFIG, a ':'-separated list, or ~/.kube/config)
      --context NAME     scan this context (repeatable; default the current context)
      --all-contexts     scan every context of the kubeconfig
      --in-cluster       use the pod's service account
      --timeout SECONDS  per-request timeout for cluster scans (default 30)
  -h, --help             this help

Broken YAML documents are reported on stderr with file:line and the rest is still scored.
Colour: on when standard output is a terminal, unless NO_COLOR is set (non-empty) or TERM=dumb.
`;

export const PATCH_HELP = `Usage: drydock patch [PATH…] --output DIR [options]

Writes the fixes Drydock can express as patches (safe and input fixes; input fixes carry
"<CHANGE-ME: …>" placeholders an owner must fill in) into DIR.

Options:
  -o, --output DIR       directory to write into (required)
  -f, --format FORMAT    strategic (default; kubectl patch --type strategic), json (RFC 6902,
                         kubectl patch --type json), kustomize
  -a, --app ID           only this app (repeatable): cluster/namespace/kind/name, namespace/kind/name,
                         kind/name or name
  -c, --config FILE      config file (default: drydock.config.yaml in the current directory, if any)
  -n, --namespace NS     only apps in namespace NS (repeatable)
      --safe-only        only safe fixes (no placeholders to fill)
  -h, --help             this help

strategic and json write one directory per app (patch files, new objects, a README with the
kubectl commands); kustomize writes one overlay per namespace whose resources are the scanned files.
Standard output lists the directories written.
`;

export const CHECKS_HELP = `Usage: drydock checks [ID-PREFIX|TOPIC…] [--format table|json]

Lists the checks (all, or those whose id starts with a prefix or whose topic is named):
id, topic, severity, fix kind, what it needs, and the title. JSON adds the summary and docs.
`;
