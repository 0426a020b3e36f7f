import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Guards against hangs, not speed limits: the tests run real processes (the CLI, workers, Redis),
    // whose wall time on a busy 2-core machine is many times their CPU time (a 3-document `clean`
    // measured 2 s of CPU and 31 s of wall at load 20; the parity file took 18 min at load 40). One figure
    // here, none lower per test.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Real worker processes and a real Redis share two cores: keep files from starving each other.
    maxWorkers: 2,
  },
});
