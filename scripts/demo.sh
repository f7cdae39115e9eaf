#!/usr/bin/env bash
# The main job on the sample data: set up (idempotent), then `juesuan demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx --no-install juesuan demo "$@"
