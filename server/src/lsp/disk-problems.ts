/**
 * What reading files from disk found wrong with the files themselves (file-checks: not UTF-8, too large),
 * by path, as LSP diagnostics: published for a file that is not open, and beside the findings of its text
 * when it is. Holds only the files that have a problem.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { DiskProblem } from '../agent-index';
import { toDiagnosticAt } from './convert';

export class DiskProblems {
  private readonly byFile = new Map<string, Diagnostic>();

  /** Records what the last reading of `file` found; returns whether that changed anything. */
  set(file: string, problem: DiskProblem | undefined): boolean {
    if (!problem) return this.byFile.delete(file);
    const d = toDiagnosticAt(problem.range, problem.finding);
    const old = this.byFile.get(file);
    this.byFile.set(file, d);
    return !old || old.message !== d.message || old.range.start.line !== d.range.start.line || old.range.start.character !== d.range.start.character;
  }

  /** The diagnostics of the file on disk (none for a file not read, or not a file). */
  of(file: string | undefined): Diagnostic[] {
    const d = file === undefined ? undefined : this.byFile.get(file);
    return d ? [d] : [];
  }
}
