/**
 * Reading a file we did not create (a config or agent file from a repository, which anyone may have
 * written, symbolic links included):
 * - links are followed, but only a regular file is read, as fstat says of the file once it is open (no
 *   stat-then-read race); a FIFO is opened without waiting for a writer, so it cannot hang us;
 * - never more than a size limit, checked on the size the file reports and again while reading (files
 *   under /proc report a size of 0);
 * - every failure is an InputError naming the path and the reason, and quoting nothing of the content.
 * `readUntrustedFile` is for the language server (never block its thread); the CLI may use the sync one.
 * `rewriteUntrustedFile` writes a fixed text back on the same terms.
 */
import { closeSync, constants, fstatSync, openSync, promises as fsp, readSync, statSync, type BigIntStats } from 'node:fs';
import { InputError } from '../input-error';

/** `.subagent-studio.json` may be at most this big. */
export const CONFIG_SIZE_LIMIT = 4 * 1024 * 1024;
/** Claude Code skips an agent file over 1 MiB (1,048,576 bytes), so we read no more either. */
export const AGENT_SIZE_LIMIT = 1_048_576;

/** A file over the size limit: a reason of its own, since for an agent file it is a finding, not a failure. */
export class FileTooLargeError extends InputError {
  constructor(
    file: string,
    readonly limit: number,
  ) {
    super(file, `larger than ${formatSize(limit)}`);
  }
}

export interface UntrustedFile {
  bytes: Buffer;
  /** The file's identity (device and inode), when the platform gives one: a file reached twice is one file. */
  id?: string;
}

// O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer. O_NOCTTY: a terminal device
// never becomes our controlling terminal. Both are 0 where the platform lacks them (Windows).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
/** The first read's buffer for a file that reports a size of 0 (as /proc files do). */
const MIN_BUFFER = 8192;

export async function readUntrustedFile(file: string, maxBytes: number): Promise<UntrustedFile> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, OPEN_FLAGS);
  } catch (e) {
    throw openError(file, e);
  }
  try {
    const stat = await handle.stat({ bigint: true });
    let buffer = firstBuffer(file, stat, maxBytes);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) buffer = grown(file, buffer, maxBytes);
    }
    return { bytes: buffer.subarray(0, length), id: identity(stat) };
  } catch (e) {
    throw e instanceof InputError ? e : readError(file, e);
  } finally {
    await handle.close();
  }
}

/** The same as readUntrustedFile, blocking: for the CLI, never for the language server. */
export function readUntrustedFileSync(file: string, maxBytes: number): UntrustedFile {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (e) {
    throw openError(file, e);
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    let buffer = firstBuffer(file, stat, maxBytes);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) buffer = grown(file, buffer, maxBytes);
    }
    return { bytes: buffer.subarray(0, length), id: identity(stat) };
  } catch (e) {
    throw e instanceof InputError ? e : readError(file, e);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `text` over a file we read (`--fix`), on the same terms: links followed, only into a regular file
 * (a FIFO put in its place is not waited on). Returns the reason when it cannot, or undefined when written.
 */
export async function rewriteUntrustedFile(file: string, text: string): Promise<string | undefined> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, constants.O_WRONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    return openError(file, e).reason.replace(/^cannot read/, 'cannot write');
  }
  try {
    const stat = await handle.stat({ bigint: true });
    if (!stat.isFile()) return `not a regular file (${kindOf(stat)})`;
    await handle.truncate(0);
    await handle.write(text, 0, 'utf8');
    return undefined;
  } catch (e) {
    return readError(file, e).reason.replace(/^cannot read/, 'cannot write');
  } finally {
    await handle.close();
  }
}

/** Whether a regular file is at this path (links followed). A stat, not a read: it cannot hang or fill memory. */
export function isRegularFileSync(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The buffer for the first read: one byte more than the file claims, so a file that grew is noticed. */
function firstBuffer(file: string, stat: BigIntStats, maxBytes: number): Buffer {
  if (!stat.isFile()) throw new InputError(file, `not a regular file (${kindOf(stat)})`);
  if (stat.size > BigInt(maxBytes)) throw new FileTooLargeError(file, maxBytes);
  return Buffer.allocUnsafe(Math.min(Math.max(Number(stat.size), MIN_BUFFER), maxBytes) + 1);
}

/** A full buffer: the file may have more, so twice the room, up to one byte past the limit. */
function grown(file: string, buffer: Buffer, maxBytes: number): Buffer {
  if (buffer.length > maxBytes) throw new FileTooLargeError(file, maxBytes);
  const next = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
  buffer.copy(next);
  return next;
}

function identity(stat: BigIntStats): string | undefined {
  // join makes one flat string; a template literal makes three, kept joined lazily (the CLI keeps one a file).
  return stat.ino === 0n ? undefined : [stat.dev, stat.ino].join(':');
}

function kindOf(stat: BigIntStats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a file';
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'a loop of symbolic links',
  ENAMETOOLONG: 'the path is too long',
  ENOTDIR: 'a part of the path is not a folder',
};

function openError(file: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  // Opening a Unix socket fails with ENXIO; a folder fails with EISDIR on some platforms.
  if (code === 'ENXIO') return new InputError(file, 'not a regular file (a socket or a device without a reader)');
  if (code === 'EISDIR') return new InputError(file, 'not a regular file (a folder)');
  return readError(file, e);
}

function readError(file: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  return new InputError(file, code ? `cannot read: ${code}${REASONS[code] ? ` (${REASONS[code]})` : ''}` : 'cannot read');
}

export function formatSize(bytes: number): string {
  const mib = bytes / 1_048_576;
  return `${Number.isInteger(mib) ? `${mib} MiB` : `${Math.ceil(bytes / 1024)} KiB`} (${bytes.toLocaleString('en-US')} bytes)`;
}
