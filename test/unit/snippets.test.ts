/**
 * Persona and field snippets (snippets/*.code-snippets, which the language server offers where they fit),
 * the snippet expander, and the contributions that must stay in step with the schema (snippet choices, the
 * grammar's known keys).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { lintText } from '../../server/src/core/lint';
import { parseAgent } from '../../server/src/core/parse';
import { COLORS, FIELDS, MODEL_ALIASES } from '../../server/src/core/schema';
import { escapeSnippetText, expandSnippetBody, parseSnippetFile, type SnippetDefinition } from '../../server/src/snippet-expand';
import { FIXTURES, PERSONA_DIRS, personasIn, readJson, REPO_ROOT, type Manifest } from '../helpers';

const FIELDS_FILE = path.join(REPO_ROOT, 'snippets', 'fields.code-snippets');
const GENERATOR = path.join(REPO_ROOT, 'scripts', 'generate-snippets.mjs');

/**
 * Each persona folder with the snippet file the generator's output for it is committed in: the stand-ins'
 * (always), and the product's, snippets/personas.code-snippets, made from ../shared/personas (when present).
 */
const SETS = PERSONA_DIRS.map((dir) => ({
  dir,
  personas: personasIn(dir),
  snippetFile: dir.startsWith(FIXTURES) ? path.join(dir, 'personas.code-snippets') : path.join(REPO_ROOT, 'snippets', 'personas.code-snippets'),
}));
const snippetsOf = (file: string): Array<[string, SnippetDefinition]> => Object.entries(parseSnippetFile(readFileSync(file, 'utf8')));
/** Every persona snippet of every set, keyed by set and name. */
const personaSnippets = (): Array<[string, SnippetDefinition]> =>
  SETS.flatMap((s) => snippetsOf(s.snippetFile).map(([key, def]): [string, SnippetDefinition] => [`${path.basename(s.dir)}: ${key}`, def]));
const fieldSnippets = (): Record<string, SnippetDefinition> => parseSnippetFile(readFileSync(FIELDS_FILE, 'utf8'));
const bodyOf = (s: SnippetDefinition) => (Array.isArray(s.body) ? s.body : [s.body]);
const prefixOf = (s: SnippetDefinition) => (Array.isArray(s.prefix) ? s.prefix[0] : s.prefix);
const agentPath = (name: string) => `/project/.claude/agents/${name}.md`;

/** Findings of error severity, as "code: message" lines (readable in an assertion message). */
function errorsOf(text: string, name: string): string[] {
  return lintText(text, { fileName: agentPath(name) })
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.code}: ${f.message}`);
}

function descriptionOf(text: string): string {
  const d = parseAgent(text).frontmatter?.fields.find((f) => f.key === 'description');
  assert.ok(d && d.value.kind === 'string', 'a string description');
  return d.value.value;
}

const noWhiteSpace = (s: string) => s.replace(/\s+/g, '');

describe('persona snippets', () => {
  test('each committed snippet file is what the generator makes from its personas', () => {
    for (const { dir, snippetFile } of SETS) {
      const fresh = execFileSync(process.execPath, [GENERATOR, '--stdout', '--personas', dir], { encoding: 'utf8' });
      assert.ok(readFileSync(snippetFile, 'utf8') === fresh, `${path.relative(REPO_ROOT, snippetFile)} is stale: run \`npm run generate:snippets\` and commit the result`);
    }
  });

  test('one snippet per persona, each with a distinct prefix and description', () => {
    for (const { dir, personas, snippetFile } of SETS) {
      const snippets = snippetsOf(snippetFile);
      assert.equal(snippets.length, personas.length, dir);
      const prefixes = snippets.map(([, s]) => prefixOf(s));
      assert.equal(new Set(prefixes).size, prefixes.length, `prefixes: ${prefixes.join(', ')}`);
      const descriptions = snippets.map(([, s]) => s.description);
      assert.equal(new Set(descriptions).size, descriptions.length);
      for (const p of prefixes) assert.match(p, /^persona-[a-z0-9-]+$/);
    }
  });

  test('each snippet, expanded with its defaults, lints with no error-severity finding', () => {
    const snippets = personaSnippets();
    assert.ok(snippets.length > 0);
    for (const [key, s] of snippets) {
      const text = expandSnippetBody(bodyOf(s));
      const agent = parseAgent(text);
      assert.equal(agent.frontmatter?.fieldsFrom, 'yaml', `${key}: the frontmatter is valid YAML`);
      assert.deepEqual(agent.frontmatter?.yamlProblems, [], key);
      const name = /^name: (.*)$/m.exec(text)![1];
      assert.deepEqual(errorsOf(text, name), [], key);
    }
  });

  test("each snippet's description examples parse, with user and assistant turns", () => {
    for (const [key, s] of personaSnippets()) {
      const text = expandSnippetBody(bodyOf(s));
      const examples = parseAgent(text).examples.filter((e) => e.location === 'description');
      for (const e of examples) {
        assert.ok(e.close, `${key}: every <example> is closed`);
        const roles = e.turns.map((t) => t.role);
        assert.ok(roles.includes('user') && roles.includes('assistant'), `${key}: turns ${roles.join(', ')}`);
        assert.equal(roles[0], 'context', `${key}: the example starts with Context:`);
        // One part per line: every tag and label starts its line (after indentation or a list marker).
        const block = text.slice(e.range.start, e.range.end);
        for (const m of block.matchAll(/<\/?(?:example|commentary)>|\b(?:Context|user|assistant):/g)) {
          const lineStart = block.lastIndexOf('\n', m.index) + 1;
          const before = block.slice(lineStart, m.index);
          if (m.index > 0) assert.match(before, /^[ \t]*(?:- )?$/, `${key}: "${m[0]}" starts a line`);
        }
      }
    }
  });

  test('the snippets keep each persona: same examples, description text, body, model and color', () => {
    const pairs = SETS.flatMap((set) =>
      snippetsOf(set.snippetFile).map(([key, s]) => {
        const number = /^Persona (\d+):/.exec(key)![1];
        return { key: `${path.basename(set.dir)}: ${key}`, s, persona: set.personas.find((p) => path.basename(p.file).startsWith(`${number}-`))! };
      }),
    );
    for (const { key, s, persona } of pairs) {
      const original = parseAgent(persona.text);
      const text = expandSnippetBody(bodyOf(s));
      const generated = parseAgent(text);

      const count = (a: typeof original) => a.examples.filter((e) => e.location === 'description').length;
      assert.equal(count(generated), count(original), `${key}: number of examples`);
      // Only white space may change (literal \n escapes become line breaks, parts go on their own lines).
      const meant = original.frontmatter!.fields.find((f) => f.key === 'description')!.value;
      assert.equal(meant.kind, 'string');
      assert.equal(noWhiteSpace(descriptionOf(text)), noWhiteSpace((meant as { value: string }).value.replace(/\\n/g, '\n')), key);
      assert.equal(text.slice(generated.body.start), persona.text.slice(original.body.start), `${key}: body`);
      for (const field of ['name', 'model', 'color']) {
        const get = (a: typeof original) => a.frontmatter!.fields.find((f) => f.key === field)?.value;
        const was = get(original);
        const now = get(generated);
        assert.deepEqual(now && 'value' in now ? now.value : undefined, was && 'value' in was ? was.value : undefined, `${key}: ${field}`);
      }
    }
  });

  test('the name is tab stop 1 (mirrored in the examples), model and color are choices of the allowed values', () => {
    for (const [key, s] of personaSnippets()) {
      const body = bodyOf(s).join('\n');
      assert.match(body, /^name: \$\{1:[a-z0-9-]+\}$/m, key);
      const model = /^model: \$\{(\d+)\|([^|]*)\|\}$/m.exec(body);
      if (model) assert.deepEqual([...model[2].split(',')].sort(), [...MODEL_ALIASES].sort(), `${key}: model choices`);
      const color = /^color: \$\{(\d+)\|([^|]*)\|\}$/m.exec(body);
      if (color) assert.deepEqual([...color[2].split(',')].sort(), [...COLORS].sort(), `${key}: color choices`);
      if (model && color) assert.ok(Number(model[1]) < Number(color[1]), key);
      const renamed = expandSnippetBody(bodyOf(s), { values: { 1: 'my-architect' } });
      assert.match(renamed, /^name: my-architect$/m);
      const persona = /^name: \$\{1:([a-z0-9-]+)\}$/m.exec(body)![1];
      assert.ok(!new RegExp(`(?<![\\w-])${persona}(?![\\w-])`).test(renamed), `${key}: every mention of the name follows the new name`);
    }
  });
});

describe('field snippets', () => {
  const fields = fieldSnippets();
  const byPrefix = (p: string) => Object.values(fields).find((s) => prefixOf(s) === p)!;

  test('the minimal agent lints with no error, and parses as valid YAML', () => {
    const text = expandSnippetBody(bodyOf(byPrefix('subagent')));
    assert.equal(parseAgent(text).frontmatter?.fieldsFrom, 'yaml');
    assert.deepEqual(errorsOf(text, 'my-agent'), []);
  });

  test('an <example> block inserted into the description parses, with every turn', () => {
    const minimal = bodyOf(byPrefix('subagent'));
    const example = expandSnippetBody(bodyOf(byPrefix('tag-example'))).split('\n');
    // As the editor inserts it: below the description's first line, at its indentation.
    const at = minimal.findIndex((l) => l.startsWith('  ${2:'));
    const lines = [...minimal.slice(0, at + 1), ...example.map((l) => escapeSnippetText('  ' + l)), ...minimal.slice(at + 1)];
    const text = expandSnippetBody(lines);
    assert.deepEqual(errorsOf(text, 'my-agent'), []);
    const examples = parseAgent(text).examples;
    assert.equal(examples.length, 1);
    assert.deepEqual(
      examples[0].turns.map((t) => t.role),
      ['context', 'user', 'assistant'],
    );
    assert.equal(examples[0].commentaries.length, 1);
  });

  test('the tools list replaces the tools line of an agent and lints clean', () => {
    const minimal = expandSnippetBody(bodyOf(byPrefix('subagent')));
    const tools = expandSnippetBody(bodyOf(byPrefix('tools-list')));
    const text = minimal.replace(/^tools: .*$/m, tools);
    assert.match(text, /^tools:\n {2}- Read\n {2}- Grep\n {2}- Glob$/m);
    assert.deepEqual(errorsOf(text, 'my-agent'), []);
  });

  test('choices in the field snippets are allowed values', () => {
    const body = bodyOf(byPrefix('subagent')).join('\n');
    const model = /^model: \$\{\d+\|([^|]*)\|\}$/m.exec(body)!;
    assert.deepEqual(model[1].split(',').sort(), [...MODEL_ALIASES].sort());
  });
});

describe('expandSnippetBody', () => {
  test('placeholders, choices and tab stops take their defaults', () => {
    assert.equal(expandSnippetBody(['a ${1:one} ${2|x,y|} $3 ${4} $0 end']), 'a one x    end');
  });
  test('mirrors take the value of their placeholder, wherever it is defined', () => {
    assert.equal(expandSnippetBody(['$1 then ${1:name} and ${1}']), 'name then name and name');
  });
  test('nested placeholders expand inside their parent', () => {
    assert.equal(expandSnippetBody(['${1:I use the ${2:x} agent} / $2']), 'I use the x agent / x');
  });
  test('values override defaults, mirrors included', () => {
    assert.equal(expandSnippetBody(['name: ${1:a}', 'use $1'], { values: { 1: 'b' } }), 'name: b\nuse b');
  });
  test('escapes: \\$ \\} \\\\ in text, \\, and \\| in choices; other backslashes stay', () => {
    assert.equal(expandSnippetBody(['\\$HOME \\} \\\\ \\n ${1:a\\}b} ${2|x\\,y,z|}']), '$HOME } \\ \\n a}b x,y');
  });
  test('a $ that starts nothing is literal text', () => {
    assert.equal(expandSnippetBody(['cost: $ 5, ${ x']), 'cost: $ 5, ${ x');
  });
  test('variables: their value, else their default, else empty; transforms read as mirrors', () => {
    assert.equal(expandSnippetBody(['$TM_FILENAME|${TM_FILENAME:f}|${X:d}'], { variables: { TM_FILENAME: 'a.md' } }), 'a.md|a.md|d');
    assert.equal(expandSnippetBody(['${1:ab} ${1/(a)/$1x/g}']), 'ab ab');
  });
  test('lines join with \\n; a string body is taken as it is', () => {
    assert.equal(expandSnippetBody(['a', '', 'b']), 'a\n\nb');
    assert.equal(expandSnippetBody('x ${1:y}'), 'x y');
  });
  test('escapeSnippetText round-trips through expansion', () => {
    const s = 'costs $5 {a} \\ } $1 ${2:x}';
    assert.equal(expandSnippetBody([escapeSnippetText(s)]), s);
  });
  test('parseSnippetFile reads comments outside strings only', () => {
    const file = '// header\n{ "a": { /* c */ "prefix": "p//q", "body": ["x /* y */"] } }';
    assert.deepEqual(parseSnippetFile(file), { a: { prefix: 'p//q', body: ['x /* y */'] } });
  });
});

describe('contributions in step with the schema', () => {
  const pkg = readJson<Manifest>('package.json');

  test('the grammar scopes exactly the schema fields as known keys', () => {
    const grammar = readJson<{ repository: Record<string, { match: string }> }>('syntaxes/claude-agent.tmLanguage.json');
    const known = /^\^\(([^)]*)\)/.exec(grammar.repository['known-key'].match)![1].split('|');
    assert.deepEqual([...known].sort(), FIELDS.map((f) => f.key).sort());
  });

  test('package.json contributes the grammar and the language configuration, and no static snippets (the server offers them where they fit)', () => {
    const grammar = pkg.contributes.grammars.find((g) => g.language === 'claude-agent')!;
    assert.equal(grammar.scopeName, 'text.markdown.claude-agent');
    // VS Code offers a contributed snippet everywhere in the language: a persona after `model: ` included.
    assert.equal(pkg.contributes.snippets, undefined);
    const lang = pkg.contributes.languages.find((l) => l.id === 'claude-agent')!;
    for (const p of [grammar.path, './snippets/fields.code-snippets', './snippets/personas.code-snippets', lang.configuration])
      assert.ok(existsSync(path.join(REPO_ROOT, p)), p);
    assert.ok(pkg.contributes.commands.some((c) => c.command === 'subagentStudio.newAgentFromPersona'));
  });
});
