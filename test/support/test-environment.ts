import NodeEnvironment from 'jest-environment-node';
import { STARTED_KEY, type StartedThing } from './started';
import { workerDatabaseUrl } from './worker-database';

/** Longest wait for one leftover to stop: a stuck one must not keep the run alive either. */
const STOP_TIMEOUT_MS = 15_000;

/**
 * Node's environment, plus: the file's TEST_DATABASE_URL is its worker's own database; and
 * whatever a test file's helpers started and the file did not stop
 * (its set-up threw part-way, its `afterAll` threw first) is stopped here, newest first, so a
 * failing file leaves no server, database or process that would keep jest from exiting.
 */
export default class GatewayTestEnvironment extends NodeEnvironment {
  override async setup(): Promise<void> {
    await super.setup();
    const run = process.env.TEST_RUN_DATABASE_URL;
    if (run) this.global.process.env.TEST_DATABASE_URL = await workerDatabaseUrl(run, process.env.JEST_WORKER_ID ?? '1');
  }

  override async teardown(): Promise<void> {
    const things = ((this.global as unknown as Record<string, StartedThing[] | undefined>)[STARTED_KEY] ?? []).filter(
      (thing) => !thing.stopped && thing.isRunning(),
    );
    for (const thing of things.reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('did not stop in time'), STOP_TIMEOUT_MS)));
      const outcome = await Promise.race([
        thing.stop().then(
          () => 'stopped',
          (error: unknown) => `failed to stop: ${String(error)}`,
        ),
        timedOut,
      ]);
      clearTimeout(timer);
      process.stderr.write(`test environment: ${thing.name} was left running by its test file; ${outcome}\n`);
    }
    await super.teardown();
  }
}
