import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/build.ts'],
    setupFiles: ['test/helpers/mutant.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Both cores of the CI machine (the default keeps one free), and one module graph per worker:
    // the stages are pure functions, so test files need no fresh copy of them.
    maxWorkers: 2,
    isolate: false,
  },
});
