import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './test/helpers/summary-reporter.js';

// Vitest only reads a default export here (the one exception to "no default exports").
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    reporters: ['default', new SummaryReporter()],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Database tests mostly wait on I/O, so even a 2-core machine runs two files at once.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    fileParallelism: true,
  },
});
