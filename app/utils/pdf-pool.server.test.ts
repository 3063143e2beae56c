// The pool's rules without Chromium: a browser that can be killed, prints that can be held open. What a user notices:
// a busy server answers at once instead of piling up browsers, a dead browser is replaced, an unchanged round prints
// from the cache.
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createPdfPool, PdfBusy, type PoolBrowser } from "./pdf-pool.server";

class FakeBrowser extends EventEmitter implements PoolBrowser {
  connected = true;
  isConnected() {
    return this.connected;
  }
  async close() {
    this.kill();
  }
  kill() {
    if (!this.connected) return;
    this.connected = false;
    this.emit("disconnected");
  }
}

function setup(options: { concurrency?: number; maxQueue?: number; cacheBytes?: number } = {}) {
  const browsers: FakeBrowser[] = [];
  const pool = createPdfPool<FakeBrowser>({
    launch: async () => {
      const b = new FakeBrowser();
      browsers.push(b);
      return b;
    },
    concurrency: options.concurrency ?? 2,
    maxQueue: options.maxQueue ?? 2,
    cacheBytes: options.cacheBytes ?? 1024 * 1024,
  });
  let printing = 0;
  let most = 0;
  const held: (() => void)[] = [];
  /** A print that finishes when the test lets it go. */
  const heldJob = (text: string) => async (browser: FakeBrowser) => {
    printing += 1;
    most = Math.max(most, printing);
    await new Promise<void>((resolve) => held.push(resolve));
    printing -= 1;
    if (!browser.isConnected()) throw new Error("Target closed");
    return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
  };
  const quickJob = (text: string, seen?: FakeBrowser[]) => async (browser: FakeBrowser) => {
    seen?.push(browser);
    if (!browser.isConnected()) throw new Error("Target closed");
    return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
  };
  const releaseAll = async () => {
    while (held.length || pool.stats().active) {
      held.splice(0).forEach((r) => r());
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { pool, browsers, heldJob, quickJob, held, releaseAll, most: () => most };
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("the PDF pool", () => {
  it("prints at most `concurrency` at once, queues `maxQueue` more and refuses the next with a Retry-After", async () => {
    const { pool, heldJob, releaseAll, most, browsers } = setup({ concurrency: 2, maxQueue: 2 });
    const accepted = ["a", "b", "c", "d"].map((k) => pool.render(k, heldJob(k)));
    await tick();
    expect(pool.stats()).toMatchObject({ active: 2, queued: 2 });
    const refused = await pool.render("e", heldJob("e")).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PdfBusy);
    expect((refused as PdfBusy).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await releaseAll();
    expect((await Promise.all(accepted)).map(text)).toEqual(["a", "b", "c", "d"]);
    expect(most()).toBe(2);
    // One browser for all of them.
    expect(browsers).toHaveLength(1);
    // Once the queue has room again, the next request is accepted.
    const later = pool.render("e", heldJob("e"));
    await releaseAll();
    expect(text(await later)).toBe("e");
  });

  it("starts one browser on first use and another after it dies, between prints and under a print", async () => {
    const { pool, browsers, quickJob, heldJob, held, releaseAll } = setup();
    expect(browsers).toHaveLength(0);
    const seen: FakeBrowser[] = [];
    await pool.render("one", quickJob("one", seen));
    await pool.render("two", quickJob("two", seen));
    expect(browsers).toHaveLength(1);
    browsers[0].kill();
    expect(text(await pool.render("three", quickJob("three", seen)))).toBe("three");
    expect(browsers).toHaveLength(2);
    expect(seen[2]).toBe(browsers[1]);
    // Killed while printing: the print is done again with a new browser, and the requester gets the PDF.
    const pending = pool.render("four", heldJob("four"));
    await tick();
    browsers[1].kill();
    held.splice(0).forEach((r) => r());
    await tick();
    await releaseAll();
    expect(text(await pending)).toBe("four");
    expect(browsers).toHaveLength(3);
    expect(pool.stats().launches).toBe(3);
  });

  it("answers a key it printed from the cache, shares one print between simultaneous requests, and forgets the oldest past the byte limit", async () => {
    const { pool, quickJob, heldJob, releaseAll } = setup({ cacheBytes: 10 });
    let printed = 0;
    const counting = (t: string) => async (b: FakeBrowser) => {
      printed += 1;
      return quickJob(t)(b);
    };
    await pool.render("k1", counting("12345"));
    expect(text(await pool.render("k1", counting("other")))).toBe("12345");
    expect(printed).toBe(1);
    expect(pool.stats()).toMatchObject({ hits: 1, misses: 1 });
    // Another key (a change, another locale, another requester) prints again.
    await pool.render("k2", counting("abcde"));
    expect(printed).toBe(2);
    // A third 5-byte PDF pushes the least recently used out of a 10-byte cache.
    await pool.render("k3", counting("vwxyz"));
    await pool.render("k1", counting("again"));
    expect(printed).toBe(4);
    // Two requests for the same key at once: one print.
    const both = [pool.render("k9", heldJob("nine")), pool.render("k9", heldJob("nine"))];
    await tick();
    expect(pool.stats().active).toBe(1);
    await releaseAll();
    expect((await Promise.all(both)).map(text)).toEqual(["nine", "nine"]);
  });

  it("close() ends the browser; a later print starts a new one", async () => {
    const { pool, browsers, quickJob } = setup();
    await pool.render("x", quickJob("x"));
    await pool.close();
    expect(browsers[0].isConnected()).toBe(false);
    await pool.render("y", quickJob("y"));
    expect(browsers).toHaveLength(2);
  });
});
