import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { TypeScriptWatchOutput, type CompilePass } from './typescript-watch-output';

export interface TypeScriptWatch {
  /** Ends the compiler; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * `tsc --watch` on a project: incremental, so a change recompiles in about a second instead
 * of the ten a fresh tsc takes. Each finished pass is handed to `onPass`; the compiler's
 * own lines (diagnostics, "Found N errors") go to `show`.
 */
export function watchTypeScript(options: {
  root: string;
  project: string;
  onPass: (pass: CompilePass) => void;
  show: (line: string) => void;
}): TypeScriptWatch {
  const child = spawn(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', options.project, '--watch', '--preserveWatchOutput', '--listEmittedFiles'],
    { cwd: options.root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output = new TypeScriptWatchOutput(options.show);
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const pass = output.read(line);
    if (pass) options.onPass(pass);
  });
  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
