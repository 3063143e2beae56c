import { beforeEach, describe, expect, it, vi } from "vitest";
import type * as ShutdownModule from "./shutdown.server";

// The module keeps one list per process: each test loads a fresh copy.
let shutdown: typeof ShutdownModule;
beforeEach(async () => {
  vi.resetModules();
  shutdown = await import("./shutdown.server");
});

describe("shutdown hooks", () => {
  it("run once, newest first, and a failing or hanging hook does not keep the others from closing", async () => {
    const closed: string[] = [];
    const log: string[] = [];
    shutdown.onShutdown("database", () => {
      closed.push("database");
    });
    shutdown.onShutdown("stuck", () => new Promise(() => {}));
    shutdown.onShutdown("broken", () => {
      throw new Error("socket already closed");
    });
    shutdown.onShutdown("pdf browser", async () => {
      closed.push("pdf browser");
    });
    expect(shutdown.shutdownHookNames()).toEqual(["pdf browser", "broken", "stuck", "database"]);
    const run = shutdown.runShutdownHooks({ timeoutMs: 50, log: (m) => log.push(m) });
    expect(shutdown.runShutdownHooks()).toBe(run);
    await run;
    expect(closed).toEqual(["pdf browser", "database"]);
    expect(log).toEqual([
      "shutdown: closing broken failed: socket already closed",
      "shutdown: stuck did not close in time",
    ]);
    await shutdown.runShutdownHooks();
    expect(closed).toEqual(["pdf browser", "database"]);
  });

  it("close the app's database", async () => {
    const { db } = await import("./db.server");
    expect(shutdown.shutdownHookNames()).toContain("database");
    await shutdown.runShutdownHooks({ log: (m) => expect.fail(m) });
    await expect(db.selectFrom("users").select("id").execute()).rejects.toThrow();
  });
});
