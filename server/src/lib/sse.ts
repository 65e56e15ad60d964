import type { ServerResponse } from "node:http";
import type { FastifyBaseLogger } from "fastify";
import type { Actor } from "./auth/actor.ts";
import { AppError } from "./errors.ts";
import type { BusEvent, EventBus } from "./events.ts";
import { type App, actorOf } from "./http.ts";
import { errorResponses } from "./openapi.ts";
import type { Visibility } from "./policy.ts";

/**
 * Live streams (server-sent events) over the event bus. A module declares a topic, the SSE event
 * name and a per-viewer filter, and gets a GET route in one call (`eventStreamRoute`):
 *
 * - each event of the topic passes through the module's filter for each viewer (STYLE.md rule 14):
 *   it answers what that viewer may see of it (sent as `data:`), or null — not for them;
 * - `id:` is the bus's event id; a browser reconnecting sends it back as `Last-Event-ID`, and the
 *   stream first replays the events after it (from the instance's recent events: see
 *   lib/events.ts), or sends `event: reset` when it cannot (the viewer re-reads everything); the
 *   same `reset` goes to open streams when the bus may have missed events;
 * - a comment line every HEARTBEAT_MS keeps proxies (haproxy, nginx) from closing an idle stream;
 *   `retry:` tells the browser how soon to reconnect; the stream is written on the raw response
 *   (`reply.hijack()`), so nothing buffers or compresses it (`x-accel-buffering: no` for nginx);
 * - a user holds at most EVENT_STREAMS_PER_USER streams on an instance; the next answers 429;
 * - a stream ends after STREAM_MAX_MS (the browser reconnects, and the gate checks the session
 *   again: a revoked session stops hearing), and every stream ends when the app closes (a
 *   `preClose` hook), with a short `retry:` so that browsers reconnect, to another instance;
 * - a request that does not accept `text/event-stream` (not an EventSource: a script, a test)
 *   gets the replay after its `Last-Event-ID` and the end, at once — a poll.
 */

/** A comment line this often (ms): proxies close connections idle for ~30–60 s. */
export const HEARTBEAT_MS = 15_000;
/** A stream lives this long (ms, ± a tenth), then ends; the browser reconnects at once. */
export const STREAM_MAX_MS = 30 * 60_000;
/** The `retry:` hint of an open stream (ms): how long a browser waits before reconnecting. */
const RETRY_MS = 5_000;
/** A client this far behind (bytes unsent) is dropped; it reconnects and resumes. */
const MAX_BACKLOG_BYTES = 1_048_576;

export interface EventStreamRoute<T> {
  /** The route's path under /api, e.g. "/notifications/stream". */
  url: string;
  topic: string;
  description: string;
  tags?: string[];
  visibility: Exclude<Visibility, "public">;
  /** The SSE event name of the topic's events (EventSource: `addEventListener(event, …)`). */
  event: string;
  /** Whose streams an event concerns, when only one user's (their user id): no other viewer is asked. */
  recipient?: (data: T) => string | null | undefined;
  /** What this viewer may see of the event (sent as its `data:`), or null/undefined: not for them. */
  filter: (data: T, viewer: Actor) => unknown | Promise<unknown>;
}

interface Stream {
  viewer: Actor;
  res: ServerResponse;
  route: EventStreamRoute<never>;
  openedAt: number;
  maxAge: number;
  /** Events pass one at a time (a filter may be async), in the order heard. */
  queue: Promise<void>;
  ended: boolean;
}

/** The open streams of one app (one bus), for the per-user cap, the heartbeats and the close. */
class StreamHub {
  private readonly byTopic = new Map<string, Set<Stream>>();
  private readonly byUser = new Map<string, Set<Stream>>();
  private readonly subscribed = new Map<string, Promise<unknown>>();
  private heartbeat: NodeJS.Timeout | null = null;
  private closing = false;
  readonly bus: EventBus;
  private readonly log: FastifyBaseLogger;

  constructor(bus: EventBus, log: FastifyBaseLogger) {
    this.bus = bus;
    this.log = log;
    bus.onGap((topic) => {
      for (const s of this.byTopic.get(topic) ?? [])
        this.enqueue(s, () => this.write(s, "event: reset\ndata: {}\n\n"));
    });
  }

  /** Listens to a topic once per app, from the start: the recent events are there for resumes. */
  listen(topic: string) {
    if (!this.subscribed.has(topic))
      this.subscribed.set(
        topic,
        this.bus.subscribe(topic, (event) => this.dispatch(event)),
      );
    return this.subscribed.get(topic);
  }

  count(userId: string) {
    return this.byUser.get(userId)?.size ?? 0;
  }

  add(s: Stream) {
    if (this.closing) return this.end(s, RETRY_MS);
    const topic = s.route.topic;
    if (!this.byTopic.has(topic)) this.byTopic.set(topic, new Set());
    this.byTopic.get(topic)?.add(s);
    if (!this.byUser.has(s.viewer.userId)) this.byUser.set(s.viewer.userId, new Set());
    this.byUser.get(s.viewer.userId)?.add(s);
    this.heartbeat ??= setInterval(() => this.beat(), HEARTBEAT_MS).unref();
  }

  remove(s: Stream) {
    s.ended = true;
    this.byTopic.get(s.route.topic)?.delete(s);
    const mine = this.byUser.get(s.viewer.userId);
    mine?.delete(s);
    if (mine?.size === 0) this.byUser.delete(s.viewer.userId);
    if (this.heartbeat && ![...this.byTopic.values()].some((set) => set.size > 0)) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  /** Writes a chunk; a client that does not read is dropped rather than buffered without end. */
  write(s: Stream, chunk: string) {
    if (s.ended) return;
    s.res.write(chunk);
    if (s.res.writableLength > MAX_BACKLOG_BYTES) this.end(s, RETRY_MS);
  }

  /** Ends a stream with a `retry:` hint (ms): the browser reconnects after about that long. */
  end(s: Stream, retryMs: number) {
    if (s.ended) return;
    this.remove(s);
    s.res.end(`retry: ${Math.round(retryMs)}\n\n`);
  }

  enqueue(s: Stream, step: () => unknown) {
    s.queue = s.queue
      .then(async () => void (await step()))
      .catch((error) => this.log.error({ err: error }, "event stream failed"));
  }

  /** Sends one event to a stream if its filter lets the viewer see it. */
  send(s: Stream, event: BusEvent) {
    this.enqueue(s, async () => {
      if (s.ended) return;
      const seen = await s.route.filter(event.data as never, s.viewer);
      if (seen === null || seen === undefined) return;
      this.write(s, `id: ${event.id}\nevent: ${s.route.event}\ndata: ${JSON.stringify(seen)}\n\n`);
    });
  }

  private dispatch(event: BusEvent) {
    const streams = this.byTopic.get(event.topic);
    if (!streams?.size) return;
    for (const s of streams) {
      const recipient = s.route.recipient?.(event.data as never);
      if (recipient !== undefined && recipient !== null && recipient !== s.viewer.userId) continue;
      this.send(s, event);
    }
  }

  private beat() {
    const now = Date.now();
    for (const streams of this.byTopic.values())
      for (const s of streams) {
        if (now - s.openedAt > s.maxAge) this.end(s, 0);
        else this.write(s, ": \n\n");
      }
  }

  /** The app closes: every stream ends, its browser told to reconnect within 1–4 s (elsewhere). */
  closeAll() {
    this.closing = true;
    for (const streams of this.byTopic.values())
      for (const s of [...streams]) this.end(s, 1_000 + Math.random() * 3_000);
  }
}

const hubs = new WeakMap<EventBus, StreamHub>();

/** The app's hub, made with its first stream route (its `preClose` hook ends every stream). */
function hubOf(app: App): StreamHub {
  const bus = app.deps.events;
  let hub = hubs.get(bus);
  if (!hub) {
    const made = new StreamHub(bus, app.log);
    hub = made;
    hubs.set(bus, made);
    app.addHook("preClose", async () => made.closeAll());
  }
  return hub;
}

/**
 * Ends every open stream of the app whose bus this is (the `preClose` hook does it within
 * `app.close()`): for a shutdown that stops the HTTP server before closing the app, call it first,
 * or the server waits on the streams.
 */
export function closeEventStreams(events: EventBus) {
  hubs.get(events)?.closeAll();
}

/** Declares a live stream route of a topic: see above. */
export function eventStreamRoute<T>(app: App, route: EventStreamRoute<T>) {
  const hub = hubOf(app);
  app.addHook("onReady", async () => void (await hub.listen(route.topic)));
  app.get(
    route.url,
    {
      schema: {
        ...(route.tags ? { tags: route.tags } : {}),
        description: `${route.description}\n\nServer-sent events (text/event-stream): \`event: ${route.event}\` with an \`id:\`; reconnecting with \`Last-Event-ID\` replays what was missed, or sends \`event: reset\` (re-read everything). At most EVENT_STREAMS_PER_USER open streams per user (429).`,
        response: { ...errorResponses },
      },
      config: { visibility: route.visibility },
    },
    async (req, reply) => {
      const viewer = actorOf(req);
      const limit = app.deps.config.EVENT_STREAMS_PER_USER;
      if (hub.count(viewer.userId) >= limit)
        throw new AppError("RATE_LIMITED", {
          message: {
            vi: `Đồng chí đang mở quá nhiều luồng cập nhật trực tiếp (tối đa ${limit}). Hãy đóng bớt thẻ hoặc cửa sổ.`,
            en: `Too many live update streams are open (at most ${limit}). Close some tabs or windows.`,
          },
          details: { limit },
        });
      await hub.listen(route.topic);
      const live = String(req.headers.accept ?? "").includes("text/event-stream");
      const lastId = [req.headers["last-event-id"]].flat()[0]?.trim();

      reply.hijack();
      const res = reply.raw;
      const headers: Record<string, string | number | string[]> = {};
      for (const [name, value] of Object.entries(reply.getHeaders()))
        if (value !== undefined) headers[name] = value;
      res.writeHead(200, {
        ...headers,
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      });
      const stream: Stream = {
        viewer,
        res,
        route: route as unknown as EventStreamRoute<never>,
        openedAt: Date.now(),
        maxAge: STREAM_MAX_MS * (0.9 + Math.random() * 0.2),
        queue: Promise.resolve(),
        ended: false,
      };
      res.on("close", () => hub.remove(stream));
      res.write(`retry: ${RETRY_MS}\n\n`);
      // In one synchronous step: the replay is queued before any live event can be.
      if (lastId) {
        const missed = hub.bus.since(route.topic, lastId);
        if (missed) for (const event of missed) hub.send(stream, event);
        else hub.enqueue(stream, () => hub.write(stream, "event: reset\ndata: {}\n\n"));
      }
      if (live) hub.add(stream);
      else hub.enqueue(stream, () => stream.ended || res.end());
    },
  );
}
