// Just enough YAML to read action.yml (a two-step composite action) without a YAML
// dependency: nested maps, lists of maps, plain and quoted one-line scalars, # comments.
// Anything else throws, so that a richer action.yml is noticed rather than misread.
import * as fs from 'node:fs';

export type Yaml = string | Yaml[] | { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
}

function scalar(text: string): string {
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new Error(`unterminated quote: ${text}`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2 || text.slice(1, -1).includes('\\')) throw new Error(`unsupported double-quoted scalar: ${text}`);
    return text.slice(1, -1);
  }
  if (/^[|>[{&*!]/.test(text)) throw new Error(`unsupported YAML: ${text}`);
  return text.replace(/\s+#.*$/, '');
}

function parseBlock(lines: Line[], at: { i: number }, indent: number): Yaml {
  if (lines[at.i].text.startsWith('- ')) {
    const list: Yaml[] = [];
    while (at.i < lines.length && lines[at.i].indent === indent && lines[at.i].text.startsWith('- ')) {
      // "- key: value" opens a map whose keys sit two columns further in.
      lines[at.i] = { indent: indent + 2, text: lines[at.i].text.slice(2) };
      list.push(parseBlock(lines, at, indent + 2));
    }
    return list;
  }
  const map: { [key: string]: Yaml } = {};
  while (at.i < lines.length && lines[at.i].indent === indent && !lines[at.i].text.startsWith('- ')) {
    const m = /^([\w.-]+):(?:\s+(.*))?$/.exec(lines[at.i].text);
    if (!m) throw new Error(`unsupported YAML line: ${lines[at.i].text}`);
    at.i++;
    if (m[2] !== undefined && m[2] !== '') map[m[1]] = scalar(m[2]);
    else if (at.i < lines.length && lines[at.i].indent > indent) map[m[1]] = parseBlock(lines, at, lines[at.i].indent);
    else if (at.i < lines.length && lines[at.i].indent === indent && lines[at.i].text.startsWith('- ')) map[m[1]] = parseBlock(lines, at, indent);
    else map[m[1]] = '';
  }
  return map;
}

export function parseYaml(text: string): Yaml {
  const lines = text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
    .map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
  const at = { i: 0 };
  const doc = parseBlock(lines, at, 0);
  if (at.i !== lines.length) throw new Error(`unsupported YAML near: ${lines[at.i].text}`);
  return doc;
}

export interface ActionStep {
  name: string;
  shell: string;
  run: string;
  env: Record<string, string>;
}

export interface Action {
  inputs: Record<string, { default: string }>;
  steps: ActionStep[];
  raw: { [key: string]: Yaml };
}

export function readAction(file: string): Action {
  const doc = parseYaml(fs.readFileSync(file, 'utf8')) as { [key: string]: Yaml };
  const runs = doc.runs as { using: string; steps: { [key: string]: Yaml }[] };
  if (runs.using !== 'composite') throw new Error(`not a composite action: ${runs.using}`);
  return {
    raw: doc,
    inputs: doc.inputs as Action['inputs'],
    steps: runs.steps.map((s) => ({ name: s.name as string, shell: s.shell as string, run: s.run as string, env: (s.env ?? {}) as Record<string, string> })),
  };
}

/** `${{ inputs.NAME }}` replaced by the given input or its default, as a runner does. */
export function expandInputs(value: string, action: Action, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in action.inputs)) throw new Error(`action.yml uses an undeclared input: ${name}`);
    return inputs[name] ?? action.inputs[name].default ?? '';
  });
}
