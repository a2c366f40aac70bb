import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');

describe('npm run codegen', () => {
  it('has nothing to change: the committed operation types match schema.graphql and the documents', async () => {
    const run = await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/graphql-codegen'), ['--config', 'codegen.ts', '--check'], {
      cwd: ROOT,
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    // On failure the output names the stale files: run `npm run codegen` and commit them.
    expect(run).toEqual({ code: 0, stdout: expect.not.stringContaining('stale') });
  });
});
