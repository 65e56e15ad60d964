import { EventEmitter } from "node:events";
import { sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import pg from "pg";
import type { Database, Executor } from "../db/client.ts";
import { newId } from "../db/columns.ts";

/**
 * The event bus: small hints ("notification 42 for user 7") that every instance hears, so that a
 * live stream (lib/sse.ts) on any instance can tell its viewer to re-read. Events carry ids and
 * small figures, never whole records: the viewer re-reads through the ordinary routes, which apply
 * the policies.
 *
 * On PostgreSQL: NOTIFY on the channel `tg.<topic>`, heard through one LISTEN connection of the
 * bus's own (not the pool's). Published with a transaction, the event is part of it: PostgreSQL
 * delivers it when the transaction commits, never if it rolls back. On the embedded database (one
 * process): an EventEmitter; published with a transaction, the event goes out once the database
 * has finished it (the one connection serves nothing else until then) — after a rollback too, a
 * stale hint after which the viewer re-reads and finds nothing new.
 *
 * Resume (`Last-Event-ID`): every instance keeps the last RECENT_EVENTS events of each topic it
 * listens to, in the order it heard them. PostgreSQL delivers notifications to every listener in
 * the order their transactions committed, and the bus hears its own through its LISTEN connection
 * like any other's, so every instance holds the same sequence: a client may resume on any of them
 * after the id it last saw. An id the instance does not hold (older than its buffer, heard before
 * it started, or before its LISTEN connection dropped — the buffers are emptied then) answers
 * `null`: the client must re-read everything (`reset`). Ids are UUIDv7, unique and roughly in
 * time order; resume goes by position in the buffer, never by comparing ids across instances.
 */

/** An event as subscribers see it. */
export interface BusEvent<T = unknown> {
  id: string;
  topic: string;
  data: T;
}
export type EventHandler<T = unknown> = (event: BusEvent<T>) => void;

export interface PublishOptions {
  /** Publish as part of this transaction (see above). Without: at once. */
  tx?: Executor;
}

export interface EventBus {
  readonly kind: "postgres" | "memory";
  /** Publishes `data` (JSON, at most MAX_EVENT_BYTES with its id) to a topic; answers the event's id. */
  publish(topic: string, data: unknown, options?: PublishOptions): Promise<string>;
  /** Several events of one topic in one statement (a batch of notifications); answers their ids. */
  publishMany(topic: string, data: unknown[], options?: PublishOptions): Promise<string[]>;
  /** Calls `handler` with each event of `topic` from now on; resolves once listening. Answers the unsubscribe. */
  subscribe<T = unknown>(topic: string, handler: EventHandler<T>): Promise<() => void>;
  /**
   * The events of `topic` heard after the one with id `lastId`, oldest first, from this instance's
   * recent events; `null` when that id is not among them (the caller must re-read everything).
   */
  since(topic: string, lastId: string): BusEvent[] | null;
  /**
   * Calls `handler` with every topic whose events this instance may have missed (its LISTEN
   * connection dropped and came back): live streams tell their viewers to re-read.
   */
  onGap(handler: (topic: string) => void): () => void;
  close(): Promise<void>;
}

/** NOTIFY refuses payloads of 8,000 bytes and more: an event (id included) must stay under this. */
export const MAX_EVENT_BYTES = 7_500;
/** How many recent events of each topic an instance keeps for resuming streams. */
export const RECENT_EVENTS = 1_000;
const TOPIC = /^[a-z][a-z0-9_-]{0,39}(?:\.[a-z0-9_-]{1,40})*$/;

const channelOf = (topic: string) => `tg.${topic}`;

function checkTopic(topic: string) {
  if (!TOPIC.test(topic)) throw new Error(`Invalid event topic "${topic}"`);
}

/** The wire form `{"id","data"}`, refused when too large for NOTIFY. */
function encode(topic: string, data: unknown): { id: string; payload: string } {
  checkTopic(topic);
  const id = newId();
  const payload = JSON.stringify({ id, data });
  const bytes = Buffer.byteLength(payload, "utf8");
  if (bytes > MAX_EVENT_BYTES)
    throw new Error(
      `Event on "${topic}" is ${bytes} bytes (at most ${MAX_EVENT_BYTES}): publish ids and small figures, not records`,
    );
  return { id, payload };
}

/** What both buses share: handlers per topic, the recent events, the gap listeners. */
class Topics {
  private readonly emitter = new EventEmitter();
  private readonly recent = new Map<string, BusEvent[]>();
  private readonly gapHandlers = new Set<(topic: string) => void>();
  constructor() {
    this.emitter.setMaxListeners(0);
  }

  add(topic: string, handler: EventHandler): () => void {
    if (!this.recent.has(topic)) this.recent.set(topic, []);
    this.emitter.on(topic, handler);
    return () => void this.emitter.off(topic, handler);
  }
  /** Every topic subscribed to since the start (a topic stays listened to, and its events kept). */
  topics() {
    return [...this.recent.keys()];
  }

  /** An event heard: kept among the recent ones, then handed to each handler (one failing does not stop the others). */
  deliver(event: BusEvent, log: Pick<FastifyBaseLogger, "error">) {
    const recent = this.recent.get(event.topic);
    if (!recent) return;
    recent.push(event);
    if (recent.length > RECENT_EVENTS) recent.splice(0, recent.length - RECENT_EVENTS);
    for (const handler of this.emitter.listeners(event.topic) as EventHandler[]) {
      try {
        handler(event);
      } catch (error) {
        log.error({ err: error, topic: event.topic }, "event handler failed");
      }
    }
  }

  since(topic: string, lastId: string): BusEvent[] | null {
    const recent = this.recent.get(topic);
    const at = recent?.findLastIndex((e) => e.id === lastId) ?? -1;
    return recent && at >= 0 ? recent.slice(at + 1) : null;
  }

  onGap(handler: (topic: string) => void) {
    this.gapHandlers.add(handler);
    return () => void this.gapHandlers.delete(handler);
  }
  /** Events may have been missed: forget the recent ones (no resume across the gap) and tell the streams. */
  gap() {
    for (const [topic, recent] of this.recent) {
      recent.length = 0;
      for (const handler of this.gapHandlers) handler(topic);
    }
  }
}

type Log = Pick<FastifyBaseLogger, "info" | "warn" | "error">;

/** The embedded database's bus: one process, so an EventEmitter. */
export function memoryEventBus(options: { database?: Database; log: Log }): EventBus {
  const topics = new Topics();
  const { log } = options;
  // Published inside a transaction: sent when the database next answers the outer handle, which
  // the one embedded connection does only after that transaction has ended.
  const whenFree = (tx: Executor | undefined, send: () => void) => {
    if (!tx || !options.database) return send();
    void options.database.db.execute(sql`select 1`).then(send, send);
  };
  const emit = (topic: string, encoded: { id: string; payload: string }[]) => () => {
    for (const { payload } of encoded) {
      const { id, data } = JSON.parse(payload) as { id: string; data: unknown };
      topics.deliver({ id, topic, data }, log);
    }
  };
  return {
    kind: "memory",
    async publish(topic, data, opts) {
      const event = encode(topic, data);
      whenFree(opts?.tx, emit(topic, [event]));
      return event.id;
    },
    async publishMany(topic, data, opts) {
      const events = data.map((d) => encode(topic, d));
      if (events.length) whenFree(opts?.tx, emit(topic, events));
      return events.map((e) => e.id);
    },
    async subscribe(topic, handler) {
      checkTopic(topic);
      return topics.add(topic, handler as EventHandler);
    },
    since: (topic, lastId) => topics.since(topic, lastId),
    onGap: (handler) => topics.onGap(handler),
    async close() {},
  };
}

/** Back-off between attempts to reconnect the LISTEN connection (ms): 0.5 s doubling to 30 s. */
const reconnectDelay = (attempt: number) => Math.min(30_000, 500 * 2 ** attempt);

/**
 * PostgreSQL's bus: NOTIFY through the pool (or the caller's transaction), LISTEN on a connection
 * of its own. If that connection drops, it reconnects with back-off and LISTENs again on every
 * subscribed channel; the outage is logged once (and its end), and the streams are told (gap).
 */
export async function postgresEventBus(options: {
  url: string;
  database: Database;
  log: Log;
}): Promise<EventBus> {
  const { url, database, log } = options;
  const topics = new Topics();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let attempt = 0;
  let down = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const onNotification = (message: pg.Notification) => {
    const topic = message.channel.slice("tg.".length);
    try {
      const { id, data } = JSON.parse(message.payload ?? "") as { id: string; data: unknown };
      topics.deliver({ id, topic, data }, log);
    } catch (error) {
      log.error({ err: error, channel: message.channel }, "unreadable event");
    }
  };
  const listening = new WeakMap<pg.Client, Set<string>>();
  /** LISTENs on `c` to every subscribed topic it does not listen to yet. */
  const listenAll = async (c: pg.Client) => {
    const done = listening.get(c) ?? new Set<string>();
    listening.set(c, done);
    for (const topic of topics.topics()) {
      if (done.has(topic)) continue;
      done.add(topic);
      await c.query(`LISTEN ${c.escapeIdentifier(channelOf(topic))}`);
    }
  };

  const lost = (c: pg.Client, error?: Error) => {
    if (client !== c) return;
    client = null;
    c.removeAllListeners("notification");
    c.end().catch(() => {});
    if (closed) return;
    if (!down) {
      down = true;
      log.warn({ err: error }, "event bus: LISTEN connection lost, reconnecting");
    }
    schedule();
  };
  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect().catch(() => schedule());
    }, reconnectDelay(attempt++));
    timer.unref();
  };
  const connect = () => {
    connecting ??= (async () => {
      const c = new pg.Client({
        connectionString: url,
        keepAlive: true,
        application_name: "theo-guong events",
      });
      c.on("error", (error) => lost(c, error));
      c.on("end", () => lost(c));
      try {
        await c.connect();
        await listenAll(c);
      } catch (error) {
        c.removeAllListeners("end");
        c.on("error", () => {});
        await c.end().catch(() => {});
        if (!down) {
          down = true;
          log.warn({ err: error }, "event bus: cannot LISTEN, retrying");
        }
        throw error;
      }
      if (closed) {
        await c.end().catch(() => {});
        return;
      }
      c.on("notification", onNotification);
      client = c;
      attempt = 0;
      if (down) {
        down = false;
        log.info("event bus: LISTEN connection back");
        topics.gap();
      }
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };
  await connect().catch(() => schedule());

  const send = async (topic: string, encoded: { id: string; payload: string }[], tx?: Executor) => {
    if (!encoded.length) return;
    const on = tx ?? database.db;
    await on.execute(
      sql`select pg_notify(${channelOf(topic)}, p) from unnest(${sql.param(encoded.map((e) => e.payload))}::text[]) p`,
    );
  };

  return {
    kind: "postgres",
    async publish(topic, data, opts) {
      const event = encode(topic, data);
      await send(topic, [event], opts?.tx);
      return event.id;
    },
    async publishMany(topic, data, opts) {
      const events = data.map((d) => encode(topic, d));
      await send(topic, events, opts?.tx);
      return events.map((e) => e.id);
    },
    async subscribe(topic, handler) {
      checkTopic(topic);
      const off = topics.add(topic, handler as EventHandler);
      // While (re)connecting, the connection LISTENs on every known topic itself.
      await connecting?.catch(() => {});
      const c = client;
      if (c) await listenAll(c).catch((error) => lost(c, error));
      return off;
    },
    since: (topic, lastId) => topics.since(topic, lastId),
    onGap: (handler) => topics.onGap(handler),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await connecting?.catch(() => {});
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

/** The bus for this database: PostgreSQL's LISTEN/NOTIFY, or in process on the embedded one. */
export async function openEventBus(database: Database, log: Log): Promise<EventBus> {
  return database.kind === "postgres" && database.url
    ? postgresEventBus({ url: database.url, database, log })
    : memoryEventBus({ database, log });
}
