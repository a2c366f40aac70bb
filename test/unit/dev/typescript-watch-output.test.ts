import { TypeScriptWatchOutput } from '../../../src/dev/typescript-watch-output';

describe('TypeScriptWatchOutput: the passes of tsc --watch --listEmittedFiles', () => {
  it('ends a pass at "Found N errors", with the files it wrote, and shows every other line', () => {
    const shown: string[] = [];
    const output = new TypeScriptWatchOutput((line) => shown.push(line));
    const lines = [
      '6:31:34 PM - Starting compilation in watch mode...',
      '',
      '6:31:44 PM - Found 0 errors. Watching for file changes.',
      '6:31:51 PM - File change detected. Starting incremental compilation...',
      'TSFILE: /repo/dist/src/server/start-banner.js',
      'TSFILE: /repo/dist/src/server/start-banner.js.map',
      '6:31:52 PM - Found 0 errors. Watching for file changes.',
      '6:32:10 PM - File change detected. Starting incremental compilation...',
      "src/main.ts(3,1): error TS2304: Cannot find name 'x'.",
      '6:32:11 PM - Found 1 error. Watching for file changes.',
    ];
    const passes = lines.map((line) => output.read(line)).filter(Boolean);
    expect(passes).toEqual([
      { errors: 0, emitted: [] },
      { errors: 0, emitted: ['/repo/dist/src/server/start-banner.js', '/repo/dist/src/server/start-banner.js.map'] },
      { errors: 1, emitted: [] },
    ]);
    expect(shown).toEqual(lines.filter((line) => line !== '' && !line.startsWith('TSFILE:')));
  });
});
