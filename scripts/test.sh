#!/usr/bin/env bash
# Every check and test: set up (idempotent), lint and format check, type check, then all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== biome (lint + format)"
npx --no-install biome check .
echo "== tsc"
npx --no-install tsc -p tsconfig.json
echo "== generated files are current"
node --import tsx scripts/check-generated.ts
echo "== store on PostgreSQL (throwaway cluster)"
bash scripts/test-store-postgres.sh
echo "== tests"
node scripts/run-tests.mjs
