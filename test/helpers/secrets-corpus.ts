// The planted-secrets corpus (test/fixtures/secrets/corpus.json), shared by the unit test of the
// redaction rules, the end-to-end secrets test, and the Go front's redactor tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from './shim';

export interface CorpusEntry {
  about: string;
  kind: 'env' | 'argv' | 'text';
  var?: string;
  input: string | string[];
  secrets: string[];
  keep?: string[];
}

export function loadCorpus(): CorpusEntry[] {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'test/fixtures/secrets/corpus.json'), 'utf8')) as CorpusEntry[];
}
