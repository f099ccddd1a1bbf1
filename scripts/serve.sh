#!/usr/bin/env bash
# Builds the app and serves the production build on http://127.0.0.1:4173/
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s build
echo "Rightsize: http://127.0.0.1:${PORT:-4173}/"
exec npx vite preview --host 127.0.0.1 --port "${PORT:-4173}" --strictPort
