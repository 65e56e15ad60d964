import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { userIdOf } from "../../../test/stats.ts";
import { buildApp } from "../../app.ts";
import { openPostgres } from "../../db/client.ts";
import { notify } from "./commands/notify.ts";

/** One server-sent event as read from the wire. */
interface Sse {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
}

/** A real HTTP request on the listening app (inject does not stream), read event by event. */
async function openStream(
  base: string,
  cookie: string | null,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; next(): Promise<Sse | null>; close(): void }> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/notifications/stream`, {
    headers: { accept: "text/event-stream", ...(cookie ? { cookie } : {}), ...headers },
    signal: controller.signal,
  });
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    status: res.status,
    headers: res.headers,
    async next() {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const e: Sse = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const [field, ...rest] = line.split(":");
            const value = rest.join(":").replace(/^ /, "");
            if (field === "id" || field === "event" || field === "data") e[field] = value;
            if (field === "retry") e.retry = Number(value);
          }
          if (Object.keys(e).length) return e;
          continue;
        }
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return null;
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}

/** The next event that is not a `retry:` hint alone. */
async function nextEvent(stream: Awaited<ReturnType<typeof openStream>>) {
  for (;;) {
    const e = await stream.next();
    if (e === null || e.event || e.data) return e;
  }
}

let t: TestContext;
let base: string;
let cookie: string | null;
let mine: string;
let theirs: string;

/** A notification written (and published) by an instance: this test's app unless another is given. */
const create = (userId: string, title = "Thông báo", on: { deps: TestContext["app"]["deps"] } = t.app) =>
  on.deps.db.transaction(async (tx) => {
    const [row] = await notify(tx, [{ userId, kind: "test.live", title, body: "…" }], {}, on.deps.events);
    return row?.id as string;
  });

beforeAll(async () => {
  t = await createTestContext({ env: { EVENT_STREAMS_PER_USER: "3" } });
  base = await t.app.listen({ port: 0, host: "127.0.0.1" });
  cookie = (await t.as("dangvien1")).cookie;
  mine = await userIdOf(t.database.db, "dangvien1");
  theirs = await userIdOf(t.database.db, "dangvien2");
});
afterAll(() => t.close());

describe("GET /api/notifications/stream", () => {
  it("refuses anonymous callers (401)", async () => {
    const res = await fetch(`${base}/api/notifications/stream`, { headers: { accept: "text/event-stream" } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
  });

  it("streams the viewer's new notifications, not someone else's, uncompressed and unbuffered", async () => {
    const stream = await openStream(base, cookie, { "accept-encoding": "gzip, br" });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(stream.headers.get("cache-control")).toMatch(/no-cache/);
      expect(stream.headers.get("x-accel-buffering")).toBe("no");
      expect(stream.headers.get("content-encoding")).toBeNull();
      expect(stream.headers.get("x-request-id")).toBeTruthy();
      expect((await stream.next())?.retry).toBeGreaterThan(0);
      // Someone else's first, then the viewer's: the first event heard must be the viewer's.
      await create(theirs);
      const id = await create(mine);
      const event = await nextEvent(stream);
      expect(event?.event).toBe("notification");
      expect(JSON.parse(event?.data ?? "")).toEqual({ notificationId: id });
      expect(event?.id).toBeTruthy();
    } finally {
      stream.close();
    }
  });

  it("sends a notification created in a transaction once it has committed: the bell then reads it", async () => {
    const stream = await openStream(base, cookie);
    const member = await t.as("dangvien1");
    try {
      const id = await create(mine, "Sau khi ghi");
      const event = await nextEvent(stream);
      expect(JSON.parse(event?.data ?? "")).toEqual({ notificationId: id });
      const list = await member.get("/api/notifications?unread=true");
      expect(list.body.items.map((n: { id: string }) => n.id)).toContain(id);
    } finally {
      stream.close();
    }
  });

  it("holds an event published in a transaction until the transaction has ended", async () => {
    const heard: unknown[] = [];
    const off = await t.app.deps.events.subscribe("notifications", (e) => void heard.push(e.data));
    try {
      let inside = -1;
      const id = await t.database.db.transaction(async (tx) => {
        const [row] = await notify(
          tx,
          [{ userId: mine, kind: "test.live", title: "T", body: "…" }],
          {},
          t.app.deps.events,
        );
        await new Promise((r) => setTimeout(r, 50));
        inside = heard.length;
        return row?.id;
      });
      expect(inside).toBe(0);
      while (heard.length === 0) await new Promise((r) => setTimeout(r, 10));
      expect(heard).toEqual([{ userId: mine, notificationId: id }]);
    } finally {
      off();
    }
  });

  it("replays what was missed after Last-Event-ID, and asks to re-read when it cannot", async () => {
    const first = await openStream(base, cookie);
    const seen = await (async () => {
      try {
        await create(mine);
        return await nextEvent(first);
      } finally {
        first.close();
      }
    })();
    const missed = [
      await create(mine, "Lỡ 1"),
      await create(theirs, "Của người khác"),
      await create(mine, "Lỡ 2"),
    ];
    const resumed = await openStream(base, cookie, { "last-event-id": seen?.id ?? "" });
    try {
      const one = await nextEvent(resumed);
      const two = await nextEvent(resumed);
      expect([one, two].map((e) => JSON.parse(e?.data ?? "").notificationId)).toEqual([missed[0], missed[2]]);
    } finally {
      resumed.close();
    }
    const lost = await openStream(base, cookie, { "last-event-id": "not-held-here" });
    try {
      expect((await nextEvent(lost))?.event).toBe("reset");
    } finally {
      lost.close();
    }
    // Not an EventSource (no Accept: text/event-stream): the replay, then the end, at once (a poll).
    const poll = await fetch(`${base}/api/notifications/stream`, {
      headers: { ...(cookie ? { cookie } : {}), "last-event-id": seen?.id ?? "" },
    });
    const body = await poll.text();
    expect(body).toContain(`"notificationId":"${missed[2]}"`);
    expect(body).not.toContain(missed[1] as string);
  });

  it("allows EVENT_STREAMS_PER_USER streams per user; the next answers 429", async () => {
    const open = [
      await openStream(base, cookie),
      await openStream(base, cookie),
      await openStream(base, cookie),
    ];
    try {
      expect(open.map((s) => s.status)).toEqual([200, 200, 200]);
      const refused = await fetch(`${base}/api/notifications/stream`, {
        headers: { accept: "text/event-stream", ...(cookie ? { cookie } : {}) },
      });
      expect(refused.status).toBe(429);
      expect((await refused.json()).error).toMatchObject({ code: "RATE_LIMITED", details: { limit: 3 } });
      // Another user is not counted against this one.
      const other = await openStream(base, (await t.as("dangvien2")).cookie);
      expect(other.status).toBe(200);
      other.close();
    } finally {
      for (const s of open) s.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("two instances on one PostgreSQL", () => {
  it("a notification written on one instance reaches the viewer's stream on the other, which resumes after its ids", async () => {
    const url = t.database.url as string;
    const database = await openPostgres(url, 2);
    const other = await buildApp({ config: t.app.deps.config, database, serveWeb: false });
    try {
      const otherBase = await other.listen({ port: 0, host: "127.0.0.1" });
      const stream = await openStream(otherBase, cookie);
      const first = await create(mine, "Từ phiên bản kia");
      const heard = await nextEvent(stream);
      expect(JSON.parse(heard?.data ?? "")).toEqual({ notificationId: first });
      stream.close();
      // Written on the second while the browser reconnects to the first, with the id it last saw.
      const missed = await create(mine, "Lỡ", other);
      const resumed = await openStream(base, cookie, { "last-event-id": heard?.id ?? "" });
      try {
        expect(JSON.parse((await nextEvent(resumed))?.data ?? "")).toEqual({ notificationId: missed });
      } finally {
        resumed.close();
      }
    } finally {
      await other.close();
      await database.close();
    }
  });
});

describe("closing the app", () => {
  it("ends every open stream with a retry hint, so app.close() does not wait on them", async () => {
    const c = await createTestContext();
    try {
      const url = await c.app.listen({ port: 0, host: "127.0.0.1" });
      const stream = await openStream(url, (await c.as("dangvien1")).cookie);
      expect((await stream.next())?.retry).toBeGreaterThan(0);
      const closed = c.app.close();
      const last = await stream.next();
      expect(last?.retry).toBeGreaterThanOrEqual(1_000);
      expect(await stream.next()).toBeNull();
      await closed;
    } finally {
      await c.close();
    }
  });
});
