#!/usr/bin/env bash
# Every check and test: set up (idempotent), lint and format check, type check, generated files,
# structure checks (imports, long functions), then all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== biome (lint + format)"
npx --no-install biome check .
echo "== tsc"
npx --no-install tsc -p tsconfig.json
echo "== generated files are current"
node --import tsx scripts/check-generated.ts
echo "== structure checks: their own tests, then imports (no cycles, layering as package.json declares)"
node --import tsx --test scripts/checks.test.ts
node --import tsx scripts/check-imports.ts
echo "== no function over 80 lines without a reason"
node --import tsx scripts/check-long-functions.ts
echo "== store and job queue on PostgreSQL (throwaway cluster)"
bash scripts/test-store-postgres.sh
echo "== tests"
node scripts/run-tests.mjs
