/**
 * What a test file's helpers started (emulators, webhook receivers), so that nothing outlives
 * the file: the test environment stops whatever is still running once the file is done
 * (test-environment.ts), even when a `beforeAll` failed part-way and its `afterAll` never
 * learnt of it. Stopping twice is harmless.
 */
export const STARTED_KEY = '__plaidEmulatorTestsStarted';

export interface StartedThing {
  name: string;
  stopped: boolean;
  stop: () => Promise<void>;
}

/** Registers a started thing; the returned function stops it once, however often it is called. */
export function started(name: string, stop: () => unknown): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const thing: StartedThing = {
    name,
    stopped: false,
    stop: () =>
      (stopping ??= (async () => {
        thing.stopped = true;
        await stop();
      })()),
  };
  const holder = globalThis as unknown as Record<string, StartedThing[] | undefined>;
  (holder[STARTED_KEY] ??= []).push(thing);
  return thing.stop;
}
