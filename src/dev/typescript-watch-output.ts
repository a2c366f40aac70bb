/** One pass of `tsc --watch --listEmittedFiles`: how many errors it found and which files it wrote. */
export interface CompilePass {
  errors: number;
  emitted: string[];
}

const EMITTED = /^TSFILE: (.+)$/;
const PASS_DONE = /Found (\d+) errors?\. Watching for file changes\./;

/**
 * Reads tsc's watch output line by line: `TSFILE:` lines name what a pass wrote, and the
 * "Found N errors. Watching for file changes." line ends the pass. Everything else (the
 * diagnostics a developer must see) is passed on.
 */
export class TypeScriptWatchOutput {
  private emitted: string[] = [];

  constructor(private readonly show: (line: string) => void) {}

  /** The finished pass when this line ends one. */
  read(line: string): CompilePass | undefined {
    const file = EMITTED.exec(line);
    if (file) {
      this.emitted.push(file[1].trim());
      return undefined;
    }
    if (line.trim() !== '') this.show(line);
    const done = PASS_DONE.exec(line);
    if (!done) return undefined;
    const pass = { errors: Number(done[1]), emitted: this.emitted };
    this.emitted = [];
    return pass;
  }
}
