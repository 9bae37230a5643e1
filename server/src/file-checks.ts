/**
 * Checks of the file itself rather than of its text, made by the hosts (the CLI and the language server's
 * workspace scan) from the bytes on disk, which the core never sees. Their codes are stable, as rule ids are:
 * - `file-encoding` (warning): the file is not UTF-8 (UTF-16 or UTF-32, or bytes UTF-8 cannot read, as in
 *   Latin-1). Claude Code reads agent files as UTF-8, so it reads this one garbled; `--fix` leaves it alone.
 * - `file-too-large` (error): the file is over 1 MiB (1,048,576 bytes), and Claude Code skips it.
 */
import type { Finding } from './core/types';
import type { NotUtf8 } from './fs/text-encoding';
import { AGENT_SIZE_LIMIT, formatSize } from './fs/untrusted-file';

export const FILE_ENCODING = 'file-encoding';
export const FILE_TOO_LARGE = 'file-too-large';

export function encodingFinding(notUtf8: NotUtf8): Finding {
  return {
    code: FILE_ENCODING,
    severity: 'warning',
    message: `Encoding: ${notUtf8.summary}, but Claude Code reads agent files as UTF-8, so it reads this one garbled. Save it as UTF-8.`,
    range: { start: notUtf8.offset, end: notUtf8.offset },
  };
}

export function tooLargeFinding(): Finding {
  return {
    code: FILE_TOO_LARGE,
    severity: 'error',
    message: `The file is larger than ${formatSize(AGENT_SIZE_LIMIT)}: Claude Code skips it, and it was not checked.`,
    range: { start: 0, end: 0 },
  };
}
