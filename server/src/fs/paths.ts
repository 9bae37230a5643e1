/** Where a path lies against a folder, for absolute, resolved paths (no file-system access). */
import * as path from 'node:path';

/** `p` lies inside `folder` (strictly below it). */
export function isBelow(p: string, folder: string): boolean {
  return p.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

/** `p` is `folder` or lies inside it. */
export function isAtOrBelow(p: string, folder: string): boolean {
  return p === folder || isBelow(p, folder);
}
