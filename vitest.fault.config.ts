import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Fault, concurrency and backup tests: they start real processes (the production server from `npm run build`,
// the backup and restore scripts) against their own temporary data, kill them and check what survived.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/fault/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
