import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          // Fast pure tests first, then the integration tests (which have their own worker limit).
          sequence: { groupOrder: 0 },
          // Some unit tests start `hotline` as a child process (tsx compiles on start): seconds on a
          // loaded 2-core machine, so vitest's 5 s default fails them while the suites run in parallel.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/support/global-setup.ts"],
          // Each file runs its own Asterisk on its own ports; two cores → two files at a time.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
