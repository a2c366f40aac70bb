import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { firstBlockedFolder } from '../../../src/database/embedded-postgres-placement';

describe('firstBlockedFolder: walking up from a path, the first folder that others cannot enter', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'placement-'));
    await chmod(root, 0o755);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each([
    { modes: [0o755, 0o755, 0o755], blocked: undefined },
    { modes: [0o755, 0o750, 0o755], blocked: 'b' },
    { modes: [0o700, 0o755, 0o755], blocked: 'a' },
    { modes: [0o755, 0o755, 0o700], blocked: 'c' },
    { modes: [0o711, 0o701, 0o755], blocked: undefined },
    { modes: [0o700, 0o700, 0o755], blocked: 'b' },
  ])('folders a/b/c with modes $modes -> $blocked', async ({ modes, blocked }) => {
    const case_ = await mkdtemp(path.join(root, 'case-'));
    await chmod(case_, 0o755);
    let folder = case_;
    for (const [index, name] of ['a', 'b', 'c'].entries()) {
      folder = path.join(folder, name);
      await mkdir(folder);
      await chmod(folder, modes[index]);
    }
    const expected =
      blocked === undefined ? undefined : path.join(case_, ...['a', 'b', 'c'].slice(0, ['a', 'b', 'c'].indexOf(blocked) + 1));
    const found = await firstBlockedFolder(folder);
    if (expected === undefined) expect(found).toBeUndefined();
    else expect(found).toBe(expected);
  });
});
