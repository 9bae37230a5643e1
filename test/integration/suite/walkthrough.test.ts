import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { needsDriver, query, waitUntil } from './util';

describe('Subagent Studio inside VS Code: the Getting Started walkthrough', function () {
  before(function () {
    needsDriver(this, 'read the walkthrough');
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens with its three steps', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'subagent-studio.subagent-studio#gettingStarted', false);
    const titles = await waitUntil('the walkthrough to show its steps', async () => {
      const texts = (await query('.getting-started-step .step-title')).map((m) => m.text.trim());
      return texts.includes('Open the preview') ? texts : undefined;
    });
    assert.deepEqual(
      titles.filter((t) => ['Open or create an agent', 'See a problem fixed', 'Open the preview'].includes(t)),
      ['Open or create an agent', 'See a problem fixed', 'Open the preview'],
    );
  });
});
