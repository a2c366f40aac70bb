import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const DOCS = path.join(ROOT, 'docs');

interface Snippet {
  doc: string;
  source: string | undefined;
  lines: string[];
}

/** Every fenced block of the guides, with the `<!-- from: path -->` or `<!-- exercised by: path -->` line above it. */
function snippets(): Snippet[] {
  const found: Snippet[] = [];
  for (const doc of readdirSync(DOCS).filter((name) => name.endsWith('.md'))) {
    const text = readFileSync(path.join(DOCS, doc), 'utf8');
    for (const match of text.matchAll(/(?:<!-- (?:from|exercised by): (\S+) -->\n)?```[a-z]*\n([\s\S]*?)```/g)) {
      found.push({
        doc,
        source: match[1],
        lines: match[2]
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      });
    }
  }
  return found;
}

describe('the guides in docs/', () => {
  const all = snippets();

  it('have code blocks, each naming the file it is taken from or the test that runs it', () => {
    expect(all.length).toBeGreaterThan(5);
    expect(all.filter((snippet) => !snippet.source).map((snippet) => `${snippet.doc}: ${snippet.lines[0]}`)).toEqual([]);
  });

  it.each(
    all
      .filter((snippet) => snippet.source)
      .map((snippet) => [`${snippet.doc} <- ${snippet.source}: ${snippet.lines[0]}`, snippet] as const),
  )('%s still matches its source', (_name, snippet) => {
    const source = readFileSync(path.join(ROOT, snippet.source!), 'utf8');
    let position = 0;
    const missing: string[] = [];
    for (const line of snippet.lines) {
      const at = source.indexOf(line, position);
      if (at < 0) missing.push(line);
      else position = at + line.length;
    }
    expect(missing).toEqual([]);
  });
});
