#!/bin/sh
# Lays out the VS Code web client that ships in the code-server npm package the way @vscode/test-web
# expects a downloaded build, so test-web finds it and downloads nothing.
# usage: prepare-vscode-web.sh TOOLS_DIR     (TOOLS_DIR holds node_modules/code-server)
# From ../shared/recipes/web/, plus the TextMate engine's node_modules.
set -eu
TOOLS=$(cd "$1" && pwd)
SRC=$TOOLS/node_modules/code-server/lib/vscode
COMMIT=$(node -p "require('$SRC/product.json').commit")
QUALITY=$(node -p "require('$SRC/product.json').quality")
DEST=$TOOLS/.vscode-test-web/vscode-web-$QUALITY-$COMMIT
rm -rf "$DEST"; mkdir -p "$DEST"
cp -rs "$SRC/out" "$DEST/out"                   # a tree of symlinks to the original files
ln -s "$SRC/extensions" "$DEST/extensions"      # built-in extensions (themes, language basics)
# The TextMate engine the workbench loads from its node_modules (installed beside code-server).
mkdir -p "$DEST/node_modules"
for module in vscode-textmate vscode-oniguruma; do
  if [ -d "$TOOLS/node_modules/$module" ]; then ln -s "$TOOLS/node_modules/$module" "$DEST/node_modules/$module"; fi
done
echo '{"type":"module"}' > "$DEST/package.json" # makes test-web use its ESM page template

# 1. code-server's client always connects to a remote agent at location.host; test-web has none.
WB=$DEST/out/vs/code/browser/workbench/workbench.js
rm "$WB"
sed 's/remoteAuthority:location\.host/remoteAuthority:void 0/' "$SRC/out/vs/code/browser/workbench/workbench.js" > "$WB"
grep -q 'remoteAuthority:void 0' "$WB" || { echo "prepare-vscode-web: patch point not found in $WB" >&2; exit 1; }

# 2. It also requires four options that only code-server's own server puts in the page.
cat > "$DEST/out/vs/workbench/code-server-options.js" <<'JS'
const element = document.getElementById('vscode-workbench-web-configuration');
const config = { userDataPath: '/vscode-test-web-user', isEnabledFileDownloads: false, isEnabledFileUploads: false,
  isEnabledCoderGettingStarted: false, ...JSON.parse(element.getAttribute('data-settings')) };
element.setAttribute('data-settings', JSON.stringify(config));
JS

# 3. test-web's page imports { create, URI, Emitter } from this module and calls create(). code-server's
#    bundle exports none of them and starts the workbench by itself from the page's configuration.
cat > "$DEST/out/vs/workbench/workbench.web.main.internal.js" <<'JS'
import './code-server-options.js';
import '../code/browser/workbench/workbench.js';
export function create() { /* the bundle imported above has already created the workbench */ }
export const URI = { parse: s => ({ toString: () => s, with: () => ({ toString: () => s }) }), revive: u => u, from: u => u };
export class Emitter { constructor() { this.event = () => ({ dispose() {} }); } fire() {} dispose() {} }
JS
echo "@import url('../code/browser/workbench/workbench.css');" > "$DEST/out/vs/workbench/workbench.web.main.internal.css"
echo "vscode-web-$QUALITY-$COMMIT" > "$DEST/version"   # test-web's "already downloaded" marker
echo "prepared $DEST"
