import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Unit and integration tests. They never load the Remix Vite plugin.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: [
      "app/**/*.test.{ts,tsx}",
      "db/**/*.test.ts",
      "indicators/**/*.test.ts",
      "scripts/**/*.test.ts",
      "seeds/**/*.test.ts",
      "tests/integration/**/*.test.ts",
      "tests/fuzz/**/*.test.ts",
    ],
    setupFiles: ["tests/setup/unit.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
    // The demo seed writes through the app's own functions (one audit event per change): seconds, not milliseconds.
    hookTimeout: 120_000,
  },
});
