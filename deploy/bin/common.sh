# Sourced by every command in bin/: runs Node from the release's own directory, with the configuration file
# (INJEUNGJIGI_ENV_FILE, default /etc/injeungjigi/injeungjigi.env) when it exists. A variable already set in the
# environment wins over the file (systemd's EnvironmentFile= has already set them for the service).
set -eu
RELEASE_DIR=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$RELEASE_DIR"
ENV_FILE=${INJEUNGJIGI_ENV_FILE:-/etc/injeungjigi/injeungjigi.env}
run_node() {
  if [ -r "$ENV_FILE" ]; then
    exec node --env-file="$ENV_FILE" --import ./lib/preflight.mjs "$@"
  fi
  exec node --import ./lib/preflight.mjs "$@"
}
