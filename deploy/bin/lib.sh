# Shared by the deploy/bin scripts: paths and clear failures.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VAR="${EDU71_VAR:-$ROOT/var}"

die() { printf 'edu71: %s\n' "$*" >&2; exit 1; }

need() {  # need COMMAND "what to do when it is missing"
  command -v "$1" >/dev/null 2>&1 || die "$1 not found. $2"
}

port_free() {  # port_free HOST PORT NAME
  if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then
    die "$3 cannot listen on $1:$2: the port is already in use (set another port in the environment, or stop what holds it)."
  fi
}
