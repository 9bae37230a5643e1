/** The Getting Started walkthrough in package.json: its media ship, and its links name real commands. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readJson, REPO_ROOT } from '../helpers';

interface WalkthroughStep {
  id: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents: string[];
}
const manifest = readJson<{ contributes: { walkthroughs: Array<{ steps: WalkthroughStep[] }>; commands: Array<{ command: string }> } }>('package.json');

test('the walkthrough: create an agent, fix a problem, open the preview, each with media that ship and commands that exist', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.deepEqual(
    walkthrough.steps.map((s) => s.id),
    ['createAgent', 'fixProblem', 'openPreview'],
  );
  const commands = new Set([...manifest.contributes.commands.map((c) => c.command), 'editor.action.quickFix']);
  const allowed = readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8');
  for (const step of walkthrough.steps) {
    const media = step.media.markdown ?? step.media.image ?? '';
    assert.ok(existsSync(path.join(REPO_ROOT, media)), `${step.id}: ${media} exists`);
    assert.ok(media.startsWith('media/') && allowed.includes('!media/**'), `${step.id}: ${media} ships in the .vsix`);
    const linked = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
    assert.ok(linked.length > 0, `${step.id} links a command`);
    for (const c of [...linked, ...step.completionEvents.filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length))]) {
      assert.ok(commands.has(c), `${step.id}: ${c} is a command`);
    }
  }
});
