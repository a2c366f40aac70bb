import { readFileSync } from 'node:fs';

/**
 * Where a process spent its CPU, from a V8 .cpuprofile (node --cpu-prof): the functions with
 * the most self time, and the same grouped by package or source file.
 *   node dist/bench/cpu-profile-summary.js FILE.cpuprofile [COUNT]
 * (`npm run bench:read` with BENCH_CPU_PROFILE_DIR set prints it for the planner's rounds.)
 */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  /** Microseconds on CLOCK_MONOTONIC, the clock of process.hrtime in every process on Linux. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A stretch of time in the profile's microseconds, e.g. process.hrtime.bigint() / 1000n taken around a load round. */
export interface ProfileWindow {
  from: number;
  to: number;
}

const IDLE = '(idle)';

/** node_modules/<package>, the gateway's own file, node's module, or the native function (GC, writev). */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName || '(native)';
  if (url.startsWith('node:')) return url;
  const packageMatch = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1];
  const ownMatch = /\/dist\/(.+)$/.exec(url);
  return ownMatch ? ownMatch[1] : url;
}

function place(url: string, line: number): string {
  const short = url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/dist\//, '');
  return short ? `${short}:${line + 1}` : '';
}

/** The `count` functions and areas with the most self time (samples inside `windows`, when given), as printable lines. */
export function summariseCpuProfile(profile: CpuProfile, count: number, windows: ProfileWindow[] = []): string[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let time = profile.startTime;
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index];
    if (windows.length > 0 && !windows.some((window) => time >= window.from && time <= window.to)) return;
    const frame = nodes.get(id)!;
    if (frame.functionName === IDLE) return void (idle += 1);
    busy += 1;
    const name = `${frame.functionName || '(anonymous)'} ${place(frame.url, frame.lineNumber)}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + 1);
    const area = areaOf(frame.url, frame.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + 1);
  });
  const top = (counts: Map<string, number>) =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, samples]) => `  ${((100 * samples) / busy).toFixed(1).padStart(5)}%  ${name}`);
  return [
    `${busy} busy samples (${((100 * busy) / Math.max(1, busy + idle)).toFixed(0)}% of the time), self time by function:`,
    ...top(byFunction),
    'self time by package or file:',
    ...top(byArea),
  ];
}

if (require.main === module) {
  const [file, count = '25'] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/bench/cpu-profile-summary.js FILE.cpuprofile [COUNT]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  process.stdout.write(`${summariseCpuProfile(profile, Number(count)).join('\n')}\n`);
}
