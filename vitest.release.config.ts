import { defineConfig } from "vitest/config";

// The offline release: `npm run release` builds the archive, the test unpacks and runs it as an administrator would.
// Reuses build/ when it is there (npm test builds before the e2e tests), so it does not build twice.
export default defineConfig({
  test: {
    include: ["tests/release/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
