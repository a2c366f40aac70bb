import NodeEnvironment from 'jest-environment-node';
import { STARTED_KEY, type StartedThing } from './started';

/**
 * Node's environment, plus: whatever a test file's helpers started and the file did not stop
 * is stopped here, newest first, so a failing file leaves no server that keeps jest running.
 */
export default class EmulatorTestEnvironment extends NodeEnvironment {
  override async teardown(): Promise<void> {
    const things = ((this.global as unknown as Record<string, StartedThing[] | undefined>)[STARTED_KEY] ?? []).filter(
      (thing) => !thing.stopped,
    );
    for (const thing of things.reverse()) {
      const outcome = await thing.stop().then(
        () => 'stopped',
        (error: unknown) => `failed to stop: ${String(error)}`,
      );
      process.stderr.write(`test environment: ${thing.name} was left running by its test file; ${outcome}\n`);
    }
    await super.teardown();
  }
}
