// Prints one plain, machine-readable line after vitest's own summary:
//   tests: N passed, N failed, N skipped
// A test file that fails to load (or an unhandled error) has no test cases to count,
// so each one counts as one failed test: the line must never look greener than the run.
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

export class SummaryReporter implements Reporter {
  private ctx: Vitest | undefined;

  onInit(ctx: Vitest): void {
    this.ctx = ctx;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0,
      failed = 0,
      skipped = 0;
    for (const module of modules) {
      if (module.errors().length > 0) failed += 1;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1; // skipped, todo, or never ran (pending after an interrupted run)
      }
    }
    failed += unhandledErrors.length;
    const line = `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
    if (this.ctx) this.ctx.logger.log(line);
    else console.log(line);
  }
}
