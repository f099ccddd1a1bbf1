#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to find: types, lint, unit, build, size, e2e, real servers.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
[ -d node_modules ] || npm ci
passed=0
start=$SECONDS
step() {
  local name=$1 t=$SECONDS
  shift
  echo
  echo "=== $name"
  "$@"
  passed=$((passed + 1))
  echo "--- $name: $((SECONDS - t)) s"
}
step "system packages" bash scripts/system-deps.sh
step "typecheck" npm run -s typecheck
step "lint" npm run -s lint
step "unit tests" npx vitest run
step "production build" npm run -s build
step "size report" npm run -s size
step "e2e (Playwright, Debian chromium)" npx playwright test
step "config validation (gunicorn, nginx, caddy, systemd)" npm run -s validate-configs
echo
echo "all checks took $((SECONDS - start)) s"
echo "checks: $passed passed, 0 failed"
