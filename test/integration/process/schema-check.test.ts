import { execFile } from 'node:child_process';
import { readFile, readdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/src/cli/schema-check.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run schema:check [-- path]` after the build, as CI runs it. */
async function schemaCheck(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run schema:check', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'schema-check-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('passes against the committed contract: schema.graphql and the files in contract/ that extend it', async () => {
    const run = await schemaCheck();
    expect(run).toEqual({
      code: 0,
      stdout: 'The served schema against contract:\nbreaking (0)\ndangerous (0)\n',
      stderr: '',
    });
  });

  it('prints breaking and dangerous changes against another contract, and fails on the breaking ones', async () => {
    // The committed contract folder as one file: schema.graphql and the files extending it.
    const folder = path.join(ROOT, 'contract');
    const additions = (await readdir(folder)).filter((name) => name.endsWith('.graphql') && name !== 'schema.graphql');
    const contract = (await Promise.all(['schema.graphql', ...additions].map((name) => readFile(path.join(folder, name), 'utf8')))).join(
      '\n',
    );
    // A field the gateway no longer serves (breaking), and an enum the gateway has since grown (dangerous).
    const older = `${contract.replace(/\n {2}REVOKED\n/, '\n')}\nextend type Query { retiredField: String }\n`;
    expect(older).not.toContain('  REVOKED\n');
    const file = path.join(directory, 'older.graphql');
    await writeFile(file, older);

    const run = await schemaCheck(file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `The served schema against ${path.relative(ROOT, file)}:\nbreaking (1)\n  FIELD_REMOVED: Query.retiredField was removed.\n`,
    );
    expect(run.stdout).toContain('dangerous (1)\n  VALUE_ADDED_TO_ENUM: REVOKED was added to enum type ItemStatus.\n');
  });

  it('fails with exit code 2 on a contract it cannot read', async () => {
    const run = await schemaCheck(path.join(directory, 'missing.graphql'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^schema:check: ENOENT/);
  });
});
