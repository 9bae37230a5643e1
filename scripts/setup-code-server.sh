#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 with a Node extension host) into the git-ignored
# folder .vscode-test/code-server, so that test/integration/launch.mjs can run the integration
# suite inside a real VS Code, offline (only the npm registry and Debian's packages are reachable).
#
# Idempotent: a marker file records the installed version and makes a second run a no-op.
# Usage: bash scripts/setup-code-server.sh      (root for apt-get, or the packages already present)
set -euo pipefail

# code-server 4.100.x is the last line that runs on Node 20; later ones need Node 22+.
CODE_SERVER_VERSION=4.100.3

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$REPO_ROOT/.vscode-test/code-server"
MARKER="$DEST/.installed-$CODE_SERVER_VERSION"

fail() { echo "setup-code-server: ERROR: $*" >&2; exit 1; }
log() { echo "setup-code-server: $*"; }
trap 'rc=$?; [ $rc -ne 0 ] && echo "setup-code-server: FAILED (exit $rc) at line $LINENO: $BASH_COMMAND" >&2' ERR

if [ -f "$MARKER" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $DEST (delete that folder to reinstall)"
  exit 0
fi

START=$SECONDS

# --- Debian packages -------------------------------------------------------------------------
# libkrb5-dev: headers for the `kerberos` native module; ripgrep: stands in for @vscode/ripgrep's
# binary, which its postinstall would download from the internet; chromium: the browser that
# launch.mjs drives; g++/make/python3: node-gyp, for the native rebuilds below.
APT_PACKAGES=(libkrb5-dev ripgrep chromium g++ make python3)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  [ "$(id -u)" -eq 0 ] || fail "missing Debian packages (${missing[*]}) and not root: apt-get install -y ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "apt-get update failed"
  apt-get install -y -qq "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]} failed"
fi
RG="$(command -v rg)" || fail "ripgrep (rg) not found on PATH after install"

node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || log "warning: code-server $CODE_SERVER_VERSION is meant for Node 20, this is Node $(node -v)"

# --- code-server from npm --------------------------------------------------------------------
# Start from an empty folder: without the marker, whatever is there is a half-done install.
rm -rf "$DEST"
mkdir -p "$DEST"

# --ignore-scripts: code-server's postinstall refuses to run as root (unsafe-perm) and would also
# fetch @vscode/ripgrep from the internet; the steps it would do are done by hand below.
log "npm install code-server@$CODE_SERVER_VERSION"
npm install --prefix "$DEST" --no-save --ignore-scripts --no-audit --no-fund --loglevel=error \
  "code-server@$CODE_SERVER_VERSION" >/dev/null || fail "npm install code-server@$CODE_SERVER_VERSION failed"

VSCODE_DIR="$DEST/node_modules/code-server/lib/vscode"
[ -d "$VSCODE_DIR" ] || fail "$VSCODE_DIR not found after npm install"

# VS Code's own server-side dependencies are not bundled in the npm package.
log "npm install in lib/vscode"
(cd "$VSCODE_DIR" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) \
  || fail "npm install in $VSCODE_DIR failed"

# Native modules skipped by --ignore-scripts, rebuilt by name against Node's own headers
# (npm is set up with nodedir=/usr on these machines, so node-gyp downloads nothing).
log "rebuilding native modules (node-pty, @parcel/watcher, kerberos, @vscode/spdlog, native-watchdog, @vscode/deviceid)"
(cd "$VSCODE_DIR" && npm_config_yes=true npm rebuild --loglevel=error \
  node-pty @parcel/watcher kerberos @vscode/spdlog native-watchdog @vscode/deviceid >/dev/null) \
  || fail "npm rebuild of VS Code's native modules failed"

# Debian's rg in place of the binary @vscode/ripgrep would have downloaded (used by search).
mkdir -p "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin"
ln -sf "$RG" "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"

# VS Code loads some modules from node_modules.asar (its packaged layout); point it at the folder.
ln -sfn node_modules "$VSCODE_DIR/node_modules.asar"

# code-server's own native module (password hashing; loaded at start even with --auth none).
log "rebuilding argon2"
(cd "$DEST" && npm_config_yes=true npm rebuild --loglevel=error argon2 >/dev/null) \
  || fail "npm rebuild argon2 failed"

# Cheap sanity check that the server entry point loads.
node "$DEST/node_modules/code-server/out/node/entry.js" --version >/dev/null 2>&1 \
  || fail "code-server does not start: node $DEST/node_modules/code-server/out/node/entry.js --version"

touch "$MARKER"
log "installed code-server $CODE_SERVER_VERSION in $DEST in $((SECONDS - START)) s"
