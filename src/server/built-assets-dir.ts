import { existsSync } from 'node:fs';
import path from 'node:path';

/** dist/<name> of the project (what `npm run build` bundles for browsers), whether this file runs from src/ (ts-jest) or dist/src/. */
export function builtAssetsDir(name: string): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return path.join(dir, 'dist', name);
}
