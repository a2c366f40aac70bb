/**
 * What the test helpers started (servers, databases, emulators, browsers, child processes),
 * so that nothing outlives its test file: the test environment stops whatever is still
 * running once the file is done (test-environment.ts), even when a `beforeAll` failed
 * part-way and its `afterAll` never learnt of it. A file's own `afterAll` stops things first,
 * in the order it means; stopping twice is harmless.
 */
export const STARTED_KEY = '__gatewayTestsStarted';

export interface StartedThing {
  name: string;
  stopped: boolean;
  /** False once the thing is gone by other means (a child a test killed or stopped itself). */
  isRunning: () => boolean;
  stop: () => Promise<void>;
}

function registry(): StartedThing[] {
  const holder = globalThis as unknown as Record<string, StartedThing[] | undefined>;
  return (holder[STARTED_KEY] ??= []);
}

/** Registers a started thing; the returned function stops it once, however often it is called. */
export function started(name: string, stop: () => unknown, isRunning: () => boolean = () => true): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const thing: StartedThing = {
    name,
    stopped: false,
    isRunning,
    stop: () =>
      (stopping ??= (async () => {
        thing.stopped = true;
        await stop();
      })()),
  };
  registry().push(thing);
  return thing.stop;
}
