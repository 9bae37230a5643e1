#!/usr/bin/env bash
# Takes docs/preview.png: a persona and its preview, in a real VS Code (code-server) in headless Chromium.
#   scripts/screenshot-preview.sh [agent.md] [out.png]   (SUBAGENT_STUDIO_THEME="Default Light Modern" for a theme)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
npm run --silent build && npm run --silent compile-tests
bash scripts/setup-code-server.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/ws/.claude/agents"
cp "${1:-../shared/personas/003-backend-architect.md}" "$tmp/ws/.claude/agents/backend-architect.md"
node test/integration/launch.mjs --extension "$repo" --tests "$repo/out/test/integration/screenshot/index.js" \
  --workspace "$tmp/ws" --screenshot "${2:-$repo/docs/preview.png}"
