#!/usr/bin/env bash
# Runs the integration suite inside a real VS Code (code-server + headless Chromium, see launch.mjs) on a
# fresh temporary workspace whose .claude/agents/ holds a persona with the generator's YAML defect.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

bash scripts/setup-code-server.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ws="$tmp/workspace"
mkdir -p "$ws/.claude/agents" "$ws/docs"
if [ -f ../shared/personas/003-backend-architect.md ]; then
  cp ../shared/personas/003-backend-architect.md "$ws/.claude/agents/backend-architect.md"
else
  echo "# ../shared is absent: using the project's own fixture persona"
  cp test/fixtures/integration/backend-architect.md "$ws/.claude/agents/backend-architect.md"
fi
printf '# Notes\n\nNot an agent.\n' > "$ws/docs/notes.md"
# VS Code 1.100 answers a code-action request with nothing when any code-action provider is registered
# while it runs (here: the Markdown extension starting, after the tests open Markdown files) and some
# provider for the file was left out by the request's kind. Its snippet code actions (refactor.surround,
# for every file) are always left out of quick-fix and fix-all requests: turned off, every provider for
# an agent file answers, and the registrations of other extensions cancel nothing.
mkdir -p "$ws/.vscode"
printf '{ "editor.snippets.codeActions.enabled": false }\n' > "$ws/.vscode/settings.json"
# A project config naming one more agent folder, which the extension must honour.
mkdir -p "$ws/prompts/defs"
printf '{ "agentFolders": ["prompts/defs"] }\n' > "$ws/.subagent-studio.json"
printf -- '---\nname: helper\ndescription: Use it to help.\n---\nYou help.\n' > "$ws/prompts/defs/helper.md"

# The Claude Code session of the workspace (the Agents view): a folder above it that is the git root, and a
# user folder. code-server (and the extension host and language server it starts) runs with HOME set to a
# folder of its own, as a user's session would: the product reads HOME as Claude Code does.
home="$tmp/home"
agent() { printf -- '---\nname: %s\ndescription: %s\nmodel: %s\ntools: Read, Grep\n---\nYou help.\n' "$1" "$2" "$3"; }
mkdir -p "$tmp/.git" "$tmp/.claude/agents" "$home/.claude/agents" "$ws/.claude/agents/team"
agent reviewer 'Use it to review changes (the project one).' sonnet > "$ws/.claude/agents/reviewer.md"
agent team-helper 'Use it to help the team.' haiku > "$ws/.claude/agents/team/helper.md"
agent parent-only 'Use it from the folder above.' inherit > "$tmp/.claude/agents/parent-only.md"
agent reviewer 'Use it to review changes (the user one).' opus > "$home/.claude/agents/reviewer.md"
agent user-only 'Use it from anywhere.' haiku > "$home/.claude/agents/user-only.md"

# The chat API probe (installed beside the extension) lets the suite ask VS Code's chat which agents it found.
HOME="$home" node test/integration/launch.mjs --extension "$repo" --tests "$repo/out/test/integration/suite/index.js" --workspace "$ws" \
  --extra-extension "$repo/test/integration/chat-api-probe" "$@"
