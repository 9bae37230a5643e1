#!/usr/bin/env bash
# Installs code-server (VS Code with a Node extension host) into the git-ignored folder
# .vscode-test/code-server-<version>, so that test/integration/launch.mjs and test/release/smoke.mjs can
# run inside a real VS Code, offline (only the npm registry and Debian's packages are reachable).
# Which version: TEST_VSCODE_VERSION (e.g. 1.139), else the oldest in test/integration/vscode-versions.json.
# A version that needs another Node than this one gets it from the npm package node-<platform>-<arch>,
# in .vscode-test/node-<version>, and its native modules are built against that Node's headers.
#
# Idempotent: a marker file records the installed version and makes a second run a no-op.
# Usage: [TEST_VSCODE_VERSION=1.139] bash scripts/setup-code-server.sh   (root for apt-get, or the packages already present)
set -euo pipefail

fail() { echo "setup-code-server: ERROR: $*" >&2; exit 1; }
log() { echo "setup-code-server: $*"; }
trap 'rc=$?; [ $rc -ne 0 ] && echo "setup-code-server: FAILED (exit $rc) at line $LINENO: $BASH_COMMAND" >&2' ERR

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One line each: VS Code's version, code-server's, its folder, the Node version (empty: this Node), the
# Node's folder and npm package name, and code-server's entry.js.
{ read -r VSCODE_VERSION; read -r CODE_SERVER_VERSION; read -r DEST; read -r NODE_VERSION; read -r NODE_DIR
  read -r NODE_PACKAGE; read -r ENTRY; } < <(node --input-type=module -e '
  const { CODE_SERVER: v } = await import(process.argv[1]);
  console.log([v.vscode, v.codeServer, v.dir, v.node ?? "", v.nodeDir ?? "", v.nodePackage, v.entry].join("\n"));
  ' "$REPO_ROOT/scripts/lib/code-server.mjs") || fail "cannot read the version from test/integration/vscode-versions.json"
MARKER="$DEST/.installed-$CODE_SERVER_VERSION"

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

# --- Node -------------------------------------------------------------------------------------
# The Node that this code-server runs on and builds its native modules for: the one named in
# vscode-versions.json, from npm (its package carries the binary and include/node, the headers node-gyp
# needs, so nothing is downloaded besides the package), or else this machine's.
NODE_BIN="$(command -v node)"
NODEDIR_ARGS=()
if [ -n "$NODE_VERSION" ]; then
  NODE_PKG_DIR="$NODE_DIR/node_modules/$NODE_PACKAGE"
  NODE_BIN="$NODE_PKG_DIR/bin/node"
  if [ ! -f "$NODE_DIR/.installed-$NODE_VERSION" ]; then
    log "npm install $NODE_PACKAGE@$NODE_VERSION (Node $NODE_VERSION for code-server $CODE_SERVER_VERSION)"
    rm -rf "$NODE_DIR"
    npm install --prefix "$NODE_DIR" --no-save --no-audit --no-fund --loglevel=error "$NODE_PACKAGE@$NODE_VERSION" >/dev/null \
      || fail "npm install $NODE_PACKAGE@$NODE_VERSION failed"
    [ "$("$NODE_BIN" -v)" = "v$NODE_VERSION" ] || fail "$NODE_BIN is not Node $NODE_VERSION"
    [ -f "$NODE_PKG_DIR/include/node/node.h" ] || fail "$NODE_PACKAGE@$NODE_VERSION has no include/node (node-gyp needs its headers)"
    touch "$NODE_DIR/.installed-$NODE_VERSION"
  fi
  NODEDIR_ARGS=(--nodedir="$NODE_PKG_DIR")
fi
# npm and node-gyp below run on that Node (npm's scripts find `node` on PATH).
export PATH="$(dirname "$NODE_BIN"):$PATH"

# --- code-server from npm --------------------------------------------------------------------
# Start from an empty folder: without the marker, whatever is there is a half-done install.
rm -rf "$DEST"
mkdir -p "$DEST"
# The folder of earlier versions of this script, which held one code-server: superseded by $DEST.
LEGACY="$REPO_ROOT/.vscode-test/code-server"
if compgen -G "$LEGACY/.installed-*" >/dev/null; then log "removing the old $LEGACY"; rm -rf "$LEGACY"; fi

# --ignore-scripts: code-server's postinstall refuses to run as root (unsafe-perm) and would also
# fetch @vscode/ripgrep from the internet; the steps it would do are done by hand below.
log "npm install code-server@$CODE_SERVER_VERSION"
npm install --prefix "$DEST" --no-save --ignore-scripts --no-audit --no-fund --loglevel=error \
  "code-server@$CODE_SERVER_VERSION" >/dev/null || fail "npm install code-server@$CODE_SERVER_VERSION failed"

# code-server checks its Node version only in the postinstall skipped above: check it here.
want_node="$(node -p "require('$DEST/node_modules/code-server/package.json').engines.node")"
have_node="$(node -p 'process.versions.node')"
[ "${have_node%%.*}" = "$want_node" ] || \
  log "warning: code-server $CODE_SERVER_VERSION wants Node $want_node, this is Node $have_node (set \"node\" in vscode-versions.json)"

VSCODE_DIR="$DEST/node_modules/code-server/lib/vscode"
[ -d "$VSCODE_DIR" ] || fail "$VSCODE_DIR not found after npm install"

# VS Code's own server-side dependencies are not bundled in the npm package.
log "npm install in lib/vscode"
(cd "$VSCODE_DIR" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) \
  || fail "npm install in $VSCODE_DIR failed"

# Native modules skipped by --ignore-scripts, rebuilt by name against the headers of the Node they run on
# (npm is set up with nodedir=/usr on these machines, the system Node's; a Node from npm brings its own),
# so node-gyp downloads nothing. npm skips names that are not installed: VS Code 1.100 has native-watchdog,
# later ones @vscode/native-watchdog. @vscode/sqlite3 (used by VS Code 1.139's chat agent host) stays
# unbuilt: a 90 s compile that nothing tested uses. JOBS: node-gyp compiles on every core.
NATIVE=(node-pty @parcel/watcher kerberos @vscode/spdlog native-watchdog @vscode/native-watchdog @vscode/deviceid)
log "rebuilding native modules (${NATIVE[*]})"
(cd "$VSCODE_DIR" && JOBS=max npm_config_yes=true npm rebuild --loglevel=error "${NODEDIR_ARGS[@]}" "${NATIVE[@]}" >/dev/null) \
  || fail "npm rebuild of VS Code's native modules failed"

# Search's ripgrep: VS Code 1.100's @vscode/ripgrep would download its binary in its postinstall, so
# Debian's rg stands in; later versions depend on @vscode/ripgrep-universal, which carries the binaries.
if [ -f "$VSCODE_DIR/node_modules/@vscode/ripgrep/package.json" ]; then
  mkdir -p "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin"
  ln -sf "$RG" "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"
fi

# VS Code loads some modules from node_modules.asar (its packaged layout); point it at the folder.
ln -sfn node_modules "$VSCODE_DIR/node_modules.asar"

# code-server's own native module (password hashing; loaded at start even with --auth none).
log "rebuilding argon2"
(cd "$DEST" && npm_config_yes=true npm rebuild --loglevel=error "${NODEDIR_ARGS[@]}" argon2 >/dev/null) \
  || fail "npm rebuild argon2 failed"

# Cheap sanity check that the server entry point loads, and is the VS Code vscode-versions.json names.
version="$(node "$ENTRY" --version 2>&1)" || fail "code-server does not start: $NODE_BIN $ENTRY --version: $version"
[[ "$version" == *"with Code $VSCODE_VERSION"* ]] || fail "code-server $CODE_SERVER_VERSION is not VS Code $VSCODE_VERSION: $version"

touch "$MARKER"
log "installed code-server $CODE_SERVER_VERSION (VS Code $VSCODE_VERSION, Node $have_node) in $DEST in $((SECONDS - START)) s"
