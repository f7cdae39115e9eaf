#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine: the Debian packages juesuan uses, then the npm
# dependencies from the lockfile. Re-running it does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t wanted < <(grep -v '^\s*#' scripts/debian-packages.txt | grep -v '^\s*$' || true)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "安装 Debian 软件包：${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp=node_modules/.juesuan-lockfile.sha256
hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
  echo "安装 npm 依赖（npm install，按 package-lock.json）"
  # npm ci refuses this lockfile because npm records only the platform binaries it saw (biome's
  # linux packages); npm install installs exactly the locked versions and leaves the lock alone.
  npm install --no-audit --no-fund --loglevel=error
  echo "$hash" >"$stamp"
fi

# The compiled CLI (packages/cli/dist); bin/juesuan.mjs rebuilds it by itself whenever a source changes.
node --import tsx scripts/build-cli.ts
