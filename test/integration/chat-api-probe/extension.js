// A test helper installed beside Subagent Studio (launch.mjs --extra-extension): the suite activates it to
// learn which agent files VS Code's chat found (vscode.chat.getCustomAgents and onDidChangeCustomAgents,
// proposed API that only an extension declaring it may call).
const vscode = require('vscode');

exports.activate = () => ({
  /** @returns {Promise<{ uri: string, name: string }[]>} */
  async customAgents() {
    const cancel = new vscode.CancellationTokenSource();
    try {
      return (await vscode.chat.getCustomAgents(cancel.token)).map((a) => ({ uri: a.uri.toString(), name: a.name }));
    } finally {
      cancel.dispose();
    }
  },
  /** @param {() => void} listener @returns {vscode.Disposable} */
  onDidChangeCustomAgents: (listener) => vscode.chat.onDidChangeCustomAgents(listener),
});
