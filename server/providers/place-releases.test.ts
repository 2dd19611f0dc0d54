import type { Sql } from "postgres";
import { describe, expect, it } from "vitest";
import { PlaceReleases } from "./place-releases";
import { PLACE_FREED_CHANNEL } from "./provider-limit-store";

/** A stand-in for postgres.js's `listen`: the test sends the notifications and (re)starts. */
function fakeListener(failures = 0) {
  const channel = {
    listens: 0,
    channels: [] as string[],
    notify: (_key: string) => {},
    started: () => {},
  };
  const sql = {
    async listen(name: string, onnotify: (key: string) => void, onlisten?: () => void) {
      channel.listens++;
      channel.channels.push(name);
      if (failures-- > 0) throw new Error("connection refused");
      channel.notify = onnotify;
      channel.started = onlisten ?? (() => {});
      channel.started();
      return { state: {}, unlisten: async () => {} };
    },
  } as unknown as Pick<Sql, "listen">;
  return { sql, channel };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const NEVER = 60 * 60_000;

function watch(promise: Promise<void>) {
  const state = { woken: false };
  void promise.then(() => (state.woken = true));
  return state;
}

describe("PlaceReleases", () => {
  it("wakes the waiters of the key whose place was given back, not the others", async () => {
    const { sql, channel } = fakeListener();
    const releases = new PlaceReleases(sql);
    await releases.next("a", releases.heard("a"), NEVER);
    const a = watch(releases.next("a", releases.heard("a"), NEVER));
    const b = watch(releases.next("b", releases.heard("b"), NEVER));
    await settle();
    expect(a.woken || b.woken).toBe(false);
    channel.notify("a");
    await settle();
    expect(a.woken).toBe(true);
    expect(b.woken).toBe(false);
    expect(channel.channels).toEqual([PLACE_FREED_CHANNEL]);
  });

  it("wakes at once for a give-back heard while the refusal was on its way", async () => {
    const { sql, channel } = fakeListener();
    const releases = new PlaceReleases(sql);
    await releases.next("a", releases.heard("a"), NEVER);
    const seen = releases.heard("a");
    channel.notify("a");
    const woken = watch(releases.next("a", seen, NEVER));
    await settle();
    expect(woken.woken).toBe(true);
  });

  it("wakes every waiter when listening (re)starts, since what was given back before went unheard", async () => {
    const { sql, channel } = fakeListener();
    const releases = new PlaceReleases(sql);
    // The first wait starts listening, and so wakes once it listens.
    await releases.next("a", releases.heard("a"), NEVER);
    const a = watch(releases.next("a", releases.heard("a"), NEVER));
    const b = watch(releases.next("b", releases.heard("b"), NEVER));
    channel.started();
    await settle();
    expect(a.woken && b.woken).toBe(true);
  });

  it("wakes on its timeout when nothing is heard, listening once for all waits", async () => {
    const { sql, channel } = fakeListener();
    const releases = new PlaceReleases(sql);
    await releases.next("a", releases.heard("a"), NEVER);
    await releases.next("a", releases.heard("a"), 1);
    await releases.next("b", releases.heard("b"), 1);
    expect(channel.listens).toBe(1);
  });

  it("listens again at the next wait when the database couldn't be reached", async () => {
    const { sql, channel } = fakeListener(1);
    const releases = new PlaceReleases(sql);
    await releases.next("a", releases.heard("a"), 1);
    expect(channel.listens).toBe(1);
    await releases.next("a", releases.heard("a"), NEVER);
    expect(channel.listens).toBe(2);
    const woken = watch(releases.next("a", releases.heard("a"), NEVER));
    await settle();
    channel.notify("a");
    await settle();
    expect(woken.woken).toBe(true);
  });
});
