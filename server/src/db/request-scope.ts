import { AsyncLocalStorage } from "node:async_hooks";
import net from "node:net";
import { performance } from "node:perf_hooks";
import pg from "pg";

/**
 * Who waits for a piece of database work, which decides how long one statement may run:
 * an ordinary API request, an export or download, or a background job (and anything outside a
 * request: start-up maintenance, the daily run).
 */
export type WorkKind = "request" | "export" | "job";

/** `statement_timeout` of each kind of work, in milliseconds; 0 = none. */
export type StatementTimeouts = Record<WorkKind, number>;

/** The database work of one request or job: the pool connections it holds right now. */
export interface DbScope {
  readonly kind: WorkKind;
  /** Set once nobody waits for the work (the client closed its connection). */
  abandoned: boolean;
  readonly clients: Set<ScopedClient>;
}

const scopes = new AsyncLocalStorage<DbScope>();

export function newDbScope(kind: WorkKind): DbScope {
  return { kind, abandoned: false, clients: new Set() };
}

/** Runs `fn` (and everything it starts) as the scope's work: its checkouts are tracked, its timeout applies. */
export function runInDbScope<T>(scope: DbScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** Thrown by a query of work that nobody waits for any more: the handler stops at its next query. */
export class WorkAbandonedError extends Error {
  readonly code = "TG_WORK_ABANDONED";
  constructor() {
    super("The client went away: its database work was cancelled");
  }
}

/** A request waited longer than the pool's queue timeout for a connection (load shedding: 503). */
export class PoolQueueTimeoutError extends Error {
  readonly code = "TG_POOL_QUEUE_TIMEOUT";
  constructor(waitedMs: number) {
    super(`No database connection came free within ${waitedMs} ms`);
  }
}

/** True when the error, or its cause (Drizzle wraps driver errors), is one of `kind`. */
function causedBy(error: unknown, kind: new (...args: never[]) => Error): boolean {
  for (let e = error as { cause?: unknown } | undefined; e; e = e.cause as never) {
    if (e instanceof kind) return true;
  }
  return false;
}
export const isWorkAbandoned = (error: unknown) => causedBy(error, WorkAbandonedError);
export const isPoolQueueTimeout = (error: unknown) => causedBy(error, PoolQueueTimeoutError);

/**
 * Nobody waits for the scope's work any more: its running statements are cancelled at the
 * database, and it gets no new connection or statement. Returns how many connections it held.
 */
export function abandonDbScope(scope: DbScope): number {
  if (scope.abandoned) return 0;
  scope.abandoned = true;
  for (const client of scope.clients) client.cancelUntilReleased();
  return scope.clients.size;
}

/** PostgreSQL's CancelRequest code (protocol 3.0). */
const CANCEL_REQUEST_CODE = 80_877_102;
const noop = () => {};

/** A pooled connection that knows whose work it runs and can have that work's statement cancelled. */
export class ScopedClient extends pg.Client {
  /** The work holding this connection (undefined while it is idle in the pool). */
  scope: DbScope | undefined;
  /** This session's statement_timeout, as last set (undefined: the connection's default). */
  statementTimeout: number | undefined;
  /** A cancel was sent: it may land late, in a later statement, so the connection is not reused. */
  cancelSent = false;
  private recancel: NodeJS.Timeout | undefined;

  // Refuses the statements of abandoned work (one signature for every overload of pg's query()).
  override query(...args: unknown[]): never {
    if (this.scope?.abandoned) {
      const error = new WorkAbandonedError();
      const callback = args.findLast((arg) => typeof arg === "function") as ((e: Error) => void) | undefined;
      if (callback) {
        process.nextTick(callback, error);
        return undefined as never;
      }
      return Promise.reject(error) as never;
    }
    return (super.query as unknown as (...a: unknown[]) => never).apply(this, args);
  }

  /**
   * Cancels the statement now, and again every 250 ms (up to 2 s) until the connection is
   * released: a cancel that reaches the backend before it has read a statement sent just before is
   * ignored by PostgreSQL. (Cancels of an idle backend do nothing; the connection is closed anyway.)
   */
  cancelUntilReleased() {
    this.cancelStatement();
    let repeats = 8;
    this.recancel ??= setInterval(() => {
      this.cancelStatement();
      if (--repeats === 0) clearInterval(this.recancel);
    }, 250).unref();
  }

  /** The connection goes back to the pool (or is closed): no more cancels. */
  released() {
    clearInterval(this.recancel);
    this.recancel = undefined;
    this.scope = undefined;
  }

  /**
   * Cancels the statement this connection runs, the way psql's Ctrl+C does: a CancelRequest with
   * the backend's pid and secret key on a connection of its own (no login, no pool slot, so it
   * works while the pool is exhausted). Best effort: the statement timeout remains the bound.
   */
  cancelStatement() {
    const { processID, secretKey } = this as unknown as {
      processID: number | null;
      secretKey: number | null;
    };
    if (processID === null || secretKey === null) return;
    this.cancelSent = true;
    const packet = Buffer.alloc(16);
    packet.writeInt32BE(16, 0);
    packet.writeInt32BE(CANCEL_REQUEST_CODE, 4);
    packet.writeInt32BE(processID, 8);
    packet.writeInt32BE(secretKey, 12);
    const socket = this.host.startsWith("/")
      ? net.connect(`${this.host}/.s.PGSQL.${this.port}`)
      : net.connect(this.port, this.host);
    socket.setTimeout(5_000, () => socket.destroy());
    socket.on("error", noop);
    socket.on("connect", () => socket.end(packet));
  }
}

interface Waiter {
  since: number;
  scope: DbScope | undefined;
  /** Answered with PoolQueueTimeoutError: the connection, when it comes, goes straight back. */
  timedOut: boolean;
}

export interface ScopedPoolLimits {
  /** null: statement_timeout is left to the server (command-line tools, seeds). */
  statementTimeouts: StatementTimeouts | null;
  /** A request (not a job) waiting longer than this for a connection fails (0 = waits). */
  queueTimeoutMs?: number;
}

type ConnectCallback = (
  error: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: Error | boolean) => void,
) => void;

/**
 * A node-postgres pool whose checkouts belong to the work that asked for them (the request or job
 * in whose async context `connect` was called, through `pool.query` or a transaction): each
 * connection runs with that kind of work's statement_timeout, an abandoned request's connections
 * have their statement cancelled and are closed rather than reused, and the pool tells how long
 * its oldest waiter has waited, and gives up on a request's wait past `queueTimeoutMs` (load shedding).
 */
export class ScopedPool extends pg.Pool {
  readonly timeouts: StatementTimeouts | null;
  readonly queueTimeoutMs: number;
  private readonly waiters = new Set<Waiter>();

  constructor(config: pg.PoolConfig, limits: ScopedPoolLimits) {
    const timeouts = limits.statementTimeouts;
    const options = [config.options, timeouts ? `-c statement_timeout=${timeouts.request}` : ""];
    super({ ...config, Client: ScopedClient as never, options: options.filter(Boolean).join(" ") });
    this.timeouts = timeouts;
    this.queueTimeoutMs = limits.queueTimeoutMs ?? 0;
  }

  /** Milliseconds the oldest checkout still wanted has waited for a connection (0: none waits). */
  oldestWaitMs(): number {
    for (const waiter of this.waiters) {
      if (!waiter.scope?.abandoned) return performance.now() - waiter.since;
    }
    return 0;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | undefined {
    if (!callback) {
      return new Promise((resolve, reject) => {
        this.connect((error, client) => (error || !client ? reject(error) : resolve(client)));
      });
    }
    // (The callback may run in the context of the request whose release handed the connection
    // over; pool.query and awaiting callers return to their own context, so it is not rebound.)
    const scope = scopes.getStore();
    if (scope?.abandoned) {
      process.nextTick(callback, new WorkAbandonedError(), undefined, noop);
      return;
    }
    const waiter: Waiter = { since: performance.now(), scope, timedOut: false };
    this.waiters.add(waiter);
    const limit = scope && scope.kind !== "job" ? this.queueTimeoutMs : 0;
    const timer =
      limit > 0
        ? setTimeout(() => {
            waiter.timedOut = true;
            this.waiters.delete(waiter);
            callback(new PoolQueueTimeoutError(limit), undefined, noop);
          }, limit).unref()
        : undefined;
    super.connect((error, poolClient) => {
      clearTimeout(timer);
      this.waiters.delete(waiter);
      if (waiter.timedOut) return poolClient?.release();
      if (error || !poolClient) return callback(error ?? new Error("no pool client"), undefined, noop);
      if (scope?.abandoned) {
        // Given up while it waited: the connection goes back untouched.
        poolClient.release();
        return callback(new WorkAbandonedError(), undefined, noop);
      }
      const client = this.adopt(poolClient as ScopedClient & pg.PoolClient, scope);
      const timeout = this.timeoutToSet(client, scope);
      if (timeout === null) return callback(undefined, client, client.release);
      (client as pg.Client).query(`set statement_timeout = ${timeout}`).then(
        () => {
          client.statementTimeout = timeout;
          callback(undefined, client, client.release);
        },
        (failure: Error) => {
          client.release(failure);
          callback(failure, undefined, noop);
        },
      );
    });
  }

  /**
   * Ties the connection to the work until its release. A connection that may still receive a late
   * cancel, or hold an open transaction of abandoned work, is then closed instead of reused.
   */
  private adopt(client: ScopedClient & pg.PoolClient, scope: DbScope | undefined) {
    const release = client.release;
    client.scope = scope;
    scope?.clients.add(client);
    client.release = (error?: Error | boolean) => {
      scope?.clients.delete(client);
      client.released();
      const discard = error || client.cancelSent || scope?.abandoned;
      release(discard ? error || true : undefined);
    };
    return client;
  }

  /** The statement_timeout the connection must be switched to for this work, or null (it has it). */
  private timeoutToSet(client: ScopedClient, scope: DbScope | undefined): number | null {
    if (!this.timeouts) return null;
    const wanted = Math.trunc(this.timeouts[scope?.kind ?? "job"]);
    return (client.statementTimeout ?? this.timeouts.request) === wanted ? null : wanted;
  }
}
