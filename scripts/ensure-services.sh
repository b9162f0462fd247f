#!/usr/bin/env bash
# Makes sure what the tests need beyond npm packages is there: Debian's Chromium for browser
# tests (Playwright's own browser downloads are not reachable here) and a running PostgreSQL
# when one is installed. Idempotent.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "ensure-services: need root to run: $*" >&2
    return 1
  fi
}

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "ensure-services: installing Debian's chromium for browser tests" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && command -v pg_ctlcluster >/dev/null; then
  version="$(ls /etc/postgresql 2>/dev/null | head -n 1)"
  if [ -n "$version" ]; then
    echo "ensure-services: starting PostgreSQL $version" >&2
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
fi
