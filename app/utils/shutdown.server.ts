// What a server process closes when it stops: the one list of shutdown hooks. A module that opens something long-lived
// (the database handle, a browser for PDFs) registers its close function here when it opens it; the production server
// (server/index.js) runs the list through the build's entry.server once the last request has been answered.

export type ShutdownHook = () => Promise<void> | void;

const hooks: { name: string; close: ShutdownHook }[] = [];
let ran: Promise<void> | null = null;

/** Registers `close` to run when the process shuts down. Hooks run last-registered first (what opened last closes first). */
export function onShutdown(name: string, close: ShutdownHook): void {
  hooks.push({ name, close });
}

/**
 * Runs every hook once, newest first; a hook that fails or hangs past `timeoutMs` is reported and the others still run.
 * Calling it again returns the same promise.
 */
export function runShutdownHooks(options: { timeoutMs?: number; log?: (message: string) => void } = {}): Promise<void> {
  ran ??= (async () => {
    const log = options.log ?? ((message: string) => console.error(message));
    for (const hook of [...hooks].reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), options.timeoutMs ?? 5_000);
      });
      try {
        const outcome = await Promise.race([Promise.resolve().then(hook.close), limit]);
        if (outcome === "timeout") log(`shutdown: ${hook.name} did not close in time`);
      } catch (error) {
        log(`shutdown: closing ${hook.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        clearTimeout(timer);
      }
    }
  })();
  return ran;
}

/** The names of the registered hooks, in the order they will run (for tests). */
export function shutdownHookNames(): string[] {
  return hooks.map((h) => h.name).reverse();
}
