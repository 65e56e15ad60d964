import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrlFor } from "../../test/pg-url.ts";
import { type Database, openPostgres } from "../db/client.ts";
import { type BusEvent, type EventBus, MAX_EVENT_BYTES, memoryEventBus, postgresEventBus } from "./events.ts";

const log = { info: () => {}, warn: () => {}, error: () => {} };

/** The next `n` events a subscription hears. */
function collect(bus: EventBus, topic: string) {
  const heard: BusEvent[] = [];
  let wake: (() => void) | null = null;
  const ready = bus.subscribe(topic, (event) => {
    heard.push(event);
    wake?.();
  });
  return {
    ready,
    heard,
    async next(n: number): Promise<BusEvent[]> {
      await ready;
      while (heard.length < n) await new Promise<void>((resolve) => (wake = resolve));
      return heard.slice(0, n);
    },
  };
}

describe("the in-process event bus", () => {
  it("hands each event to the topic's subscribers, keeps the recent ones for resume, refuses large ones", async () => {
    const bus = memoryEventBus({ log });
    const a = collect(bus, "things");
    const other = collect(bus, "others");
    await Promise.all([a.ready, other.ready]);
    const first = await bus.publish("things", { n: 1 });
    const [second, third] = await bus.publishMany("things", [{ n: 2 }, { n: 3 }]);
    expect((await a.next(3)).map((e) => [e.id, e.data])).toEqual([
      [first, { n: 1 }],
      [second, { n: 2 }],
      [third, { n: 3 }],
    ]);
    expect(other.heard).toEqual([]);
    expect(bus.since("things", first)?.map((e) => e.id)).toEqual([second, third]);
    expect(bus.since("things", third as string)).toEqual([]);
    expect(bus.since("things", "unknown")).toBeNull();
    await expect(bus.publish("things", { text: "x".repeat(MAX_EVENT_BYTES) })).rejects.toThrow(/bytes/);
    await expect(bus.publish("Bad Topic", {})).rejects.toThrow(/topic/);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("the event bus on PostgreSQL", () => {
  const base = process.env.TEST_DATABASE_URL as string;
  const name = `tg_events_${randomBytes(6).toString("hex")}`;
  let url: string;
  let database: Database;
  let one: EventBus;
  let two: EventBus;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    url = databaseUrlFor(base, name);
    database = await openPostgres(url, 2);
    one = await postgresEventBus({ url, database, log });
    two = await postgresEventBus({ url, database, log });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.close();
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it("carries an event published on one bus to a subscriber of another, in the same order on both", async () => {
    const onOne = collect(one, "things");
    const onTwo = collect(two, "things");
    await Promise.all([onOne.ready, onTwo.ready]);
    const first = await one.publish("things", { n: 1 });
    const second = await two.publish("things", { n: 2 });
    const heardOnTwo = await onTwo.next(2);
    expect(heardOnTwo.map((e) => [e.id, e.data])).toEqual([
      [first, { n: 1 }],
      [second, { n: 2 }],
    ]);
    expect((await onOne.next(2)).map((e) => e.id)).toEqual([first, second]);
    // Either instance resumes after an id the other gave.
    expect(one.since("things", first)?.map((e) => e.id)).toEqual([second]);
    expect(two.since("things", first)?.map((e) => e.id)).toEqual([second]);
  });

  it("delivers an event published in a transaction when it commits, and never after a rollback", async () => {
    const heard = collect(two, "tx-things");
    await heard.ready;
    await database.db
      .transaction(async (tx) => {
        await one.publish("tx-things", { n: "rolled back" }, { tx });
        throw new Error("rollback");
      })
      .catch(() => {});
    await database.db.transaction(async (tx) => {
      await one.publish("tx-things", { n: "committed" }, { tx });
    });
    // Notifications arrive in commit order: had the first been sent, it would come first.
    expect((await heard.next(1)).map((e) => e.data)).toEqual([{ n: "committed" }]);
  });

  it("reconnects its LISTEN connection after it drops, listens again, and reports the gap", async () => {
    const heard = collect(two, "after-drop");
    await heard.ready;
    const gaps: string[] = [];
    two.onGap((topic) => gaps.push(topic));
    const before = await one.publish("after-drop", { n: 0 });
    await heard.next(1);
    // Every listener of this database is cut off (both buses' LISTEN connections).
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'theo-guong events'",
    );
    // Until it is back, events are missed; published again and again until one is heard.
    for (let i = 1; heard.heard.length < 2; i++) {
      await one.publish("after-drop", { n: i });
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.end();
    expect(gaps).toContain("after-drop");
    // The recent events from before the drop are forgotten: no resume across the gap.
    expect(two.since("after-drop", before)).toBeNull();
  });
});
