import { defineConfig } from "vitest/config";

// Three projects: the server's unit and API tests (PGlite, or PostgreSQL when TEST_DATABASE_URL is
// set), the end-to-end tests (a real server process driven by Debian's Chromium), and the cluster
// tests (each file starts its own cluster, scripts/cluster.ts: `npm run test:cluster` only).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "server",
          root: "server",
          include: ["src/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          setupFiles: ["test/setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
      {
        test: {
          name: "e2e",
          root: "e2e",
          include: ["**/*.e2e.ts"],
          globalSetup: ["support/global-setup.ts"],
          setupFiles: ["support/accessibility.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "cluster",
          root: "server",
          include: ["test/cluster/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          pool: "forks",
        },
      },
    ],
  },
});
