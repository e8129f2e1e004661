# Shared by the benchmark scripts; source it first. Sets root (the repository), data (the shared data
# folder: $DOTLINK_SHARED_DATA, else ../shared/data beside the repository), work (a scratch folder removed
# on exit), sigma and all_rules (the --rules options for every SigmaHQ folder: rules, emerging threats,
# threat hunting).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${DOTLINK_SHARED_DATA:-$root/../shared/data}"
work="$(mktemp -d /tmp/dotlink-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
sigma="$data/sigma"
all_rules=(--rules "$sigma/rules" --rules "$sigma/rules-emerging-threats" --rules "$sigma/rules-threat-hunting")
