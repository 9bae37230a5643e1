/**
 * The snippets the server offers (whole agents, the `<example>` block): the `.code-snippets` files shipped
 * beside the bundle (dist/../snippets/), read once, when completion first needs them. VS Code no longer
 * takes them as static snippets, which it offered everywhere, the YAML and the prose included.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NO_TEMPLATES, templatesFrom, type Templates } from '../core/assist/completion';
import { parseSnippetFile } from '../snippet-expand';

const FILES = ['fields.code-snippets', 'personas.code-snippets'];

let loaded: Templates | undefined;

/** The templates; a file that cannot be read or parsed is left out and said once through `onError`. */
export function shippedTemplates(onError: (message: string) => void, dir = path.join(__dirname, '..', 'snippets')): Templates {
  if (loaded) return loaded;
  const files = [];
  for (const f of FILES) {
    try {
      files.push(parseSnippetFile(readFileSync(path.join(dir, f), 'utf8')));
    } catch (e) {
      onError(`cannot read the snippets in ${path.join(dir, f)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  loaded = files.length ? templatesFrom(files) : NO_TEMPLATES;
  return loaded;
}
