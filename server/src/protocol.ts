/**
 * Messages between the language server and the extension that are ours, not LSP's. Imports nothing, so
 * the client may import it without pulling in the server.
 */

/**
 * The extension asks which extra agent folders the `.subagent-studio.json` of each workspace folder names
 * (the server is the one reader of that file), to open the Markdown files in them as agent files.
 */
export const AGENT_FOLDERS_REQUEST = 'subagentStudio/agentFolders';

export interface AgentFoldersParams {
  /** File-system paths of the workspace folders. */
  folders: string[];
}

export interface AgentFoldersResult {
  /** For each folder asked about, in order: globs of the agent files, each relative to a base folder. */
  folders: Array<Array<{ base: string; pattern: string }>>;
}
