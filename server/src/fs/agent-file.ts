/**
 * Reading an agent file from disk, for the CLI and the workspace scan alike: through the untrusted-file
 * reader (a regular file, at most 1 MiB, as Claude Code reads it), decoded as UTF-8 as Claude Code decodes
 * it, with what the file-level checks need (too large, not UTF-8). Other failures throw an InputError.
 */
import { decodeAgentBytes, type NotUtf8 } from './text-encoding';
import { AGENT_SIZE_LIMIT, FileTooLargeError, readUntrustedFile, readUntrustedFileSync, type UntrustedFile } from './untrusted-file';

export type AgentFile =
  | { kind: 'text'; text: string; id?: string; notUtf8?: NotUtf8 }
  /** Over 1 MiB: Claude Code skips it, and we do not read it. */
  | { kind: 'too-large' };

/** Reads an agent file; throws InputError (naming the file and why) when it cannot be read. */
export async function readAgentFile(file: string): Promise<AgentFile> {
  return decoded(() => readUntrustedFile(file, AGENT_SIZE_LIMIT));
}

/** The file as read, or undefined when it cannot be read (gone, not a regular file, ...): for the server, which reads files as they come and go. */
export async function readAgentFileOrUndefined(file: string): Promise<AgentFile | undefined> {
  try {
    return await readAgentFile(file);
  } catch {
    return undefined;
  }
}

/** The same, blocking: for the CLI. */
export function readAgentFileSync(file: string): AgentFile {
  return decodedSync(() => readUntrustedFileSync(file, AGENT_SIZE_LIMIT));
}

async function decoded(read: () => Promise<UntrustedFile>): Promise<AgentFile> {
  try {
    return fromBytes(await read());
  } catch (e) {
    return tooLargeOrThrow(e);
  }
}

function decodedSync(read: () => UntrustedFile): AgentFile {
  try {
    return fromBytes(read());
  } catch (e) {
    return tooLargeOrThrow(e);
  }
}

function fromBytes({ bytes, id }: UntrustedFile): AgentFile {
  const { text, notUtf8 } = decodeAgentBytes(bytes);
  return { kind: 'text', text, id, notUtf8 };
}

/** Too large is an answer (a finding for the file); any other failure is the caller's InputError. */
function tooLargeOrThrow(e: unknown): AgentFile {
  if (e instanceof FileTooLargeError) return { kind: 'too-large' };
  throw e;
}
