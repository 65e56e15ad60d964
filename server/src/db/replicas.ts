import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type pg from "pg";
import { isPoolQueueTimeout, isWorkAbandoned, ScopedPool, type ScopedPoolLimits } from "./request-scope.ts";
import * as schema from "./schema.ts";

type Db = ReturnType<typeof drizzlePg<typeof schema>>;

/** What /api/health shows of one replica. */
export interface ReplicaStatus {
  /** host:port/database (never the password). */
  name: string;
  /** Read from now: it answers and is at most REPLICA_MAX_LAG_MS behind the primary. */
  usable: boolean;
  /** How far behind the primary it is (ms), as last measured; null before the first measurement or when it fails. */
  lagMs: number | null;
  /** Why it is not read from, when it is not ("unreachable: …", "lagging", "not a standby"). */
  problem: string | null;
  /** When it was last measured (ISO). */
  checkedAt: string | null;
}

/** How often each replica's lag is measured. */
export const REPLICA_CHECK_INTERVAL_MS = 2_000;
/** Connections per replica: reads are short, and the primary keeps its own pool for everything else. */
export const REPLICA_POOL_SIZE = 5;

const noop = () => {};

/** A replica's pool: a connection it cannot open takes the replica out of the rotation at once. */
class ReplicaPool extends ScopedPool {
  onConnectFailure: (error: Error) => void = noop;
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: Parameters<ScopedPool["connect"]>[0] & object): void;
  override connect(callback?: Parameters<ScopedPool["connect"]>[0]): Promise<pg.PoolClient> | undefined {
    if (!callback) return super.connect();
    super.connect((error, client, done) => {
      if (error && !isWorkAbandoned(error) && !isPoolQueueTimeout(error)) this.onConnectFailure(error);
      callback(error, client, done);
    });
  }
}

function nameOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "replica";
  }
}

interface Replica {
  url: string;
  db: Db;
  pool: ReplicaPool;
  status: ReplicaStatus;
  /** When (ms, this clock) the replica was last seen to have replayed everything the primary had written. */
  caughtUpAt: number | null;
}

/**
 * The read replicas of the primary: one small pool each, and their lag measured every 2 s. A read
 * executor is a replica that answers and lags at most `maxLagMs`, taken in turn; with none, the
 * primary.
 *
 * The lag is measured against the primary's WAL position, not from the replica's last replayed
 * commit alone: `now() - pg_last_xact_replay_timestamp()` grows while the primary is idle (nothing
 * to replay), which would read as lag. Each round reads the primary's `pg_current_wal_lsn()`, then
 * asks each replica whether `pg_last_wal_replay_lsn()` has reached it: if so, the replica holds
 * everything committed before the round began (lag 0). If not, the lag is the smaller of the time
 * since it was last seen caught up and the age of its last replayed commit — both bound how old
 * its view is (the first by the check interval, the second exactly under steady writes). A replica
 * whose WAL receiver lost the primary stops catching up, so its lag grows: unlike comparing the
 * replica's own received and replayed positions, this sees that too.
 */
export class ReplicaSet {
  private readonly replicas: Replica[];
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | null = null;
  private readonly primary: pg.Pool;
  private readonly maxLagMs: number;

  constructor(
    urls: string[],
    primary: pg.Pool,
    maxLagMs: number,
    limits: Partial<ScopedPoolLimits>,
    poolSize = REPLICA_POOL_SIZE,
  ) {
    this.primary = primary;
    this.maxLagMs = maxLagMs;
    this.replicas = urls.map((url) => {
      const pool = new ReplicaPool(
        {
          connectionString: url,
          max: poolSize,
          options: "-c jit=off -c max_parallel_workers_per_gather=0",
          connectionTimeoutMillis: 2_000,
        },
        { statementTimeouts: limits.statementTimeouts ?? null, queueTimeoutMs: limits.queueTimeoutMs ?? 0 },
      );
      const replica: Replica = {
        url,
        pool,
        db: drizzlePg({ client: pool, schema }),
        status: {
          name: nameOf(url),
          usable: false,
          lagMs: null,
          problem: "not checked yet",
          checkedAt: null,
        },
        caughtUpAt: null,
      };
      pool.on("error", (error) =>
        console.error(`PostgreSQL replica ${replica.status.name}: ${error.message}`),
      );
      pool.onConnectFailure = (error) => this.markDown(replica, error);
      return replica;
    });
  }

  get size() {
    return this.replicas.length;
  }

  /** Measures once, then every 2 s (the timer does not keep the process alive). */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), REPLICA_CHECK_INTERVAL_MS).unref();
  }

  /** A usable replica (in turn), or null: the primary answers. */
  pick(): Db | null {
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length] as Replica;
      if (replica.status.usable) {
        this.next = (this.next + i + 1) % this.replicas.length;
        return replica.db;
      }
    }
    return null;
  }

  statuses(): ReplicaStatus[] {
    return this.replicas.map((r) => ({ ...r.status }));
  }

  /** One measuring round (rounds do not overlap). */
  check(): Promise<void> {
    this.round ??= this.measure().finally(() => {
      this.round = null;
    });
    return this.round;
  }

  private async measure() {
    let primaryLsn: string;
    try {
      const result = await this.primary.query("select pg_current_wal_lsn()::text as lsn");
      primaryLsn = (result.rows[0] as { lsn: string }).lsn;
    } catch {
      // The primary does not answer: nothing to compare against; the replicas keep their state.
      return;
    }
    await Promise.all(this.replicas.map((replica) => this.measureOne(replica, primaryLsn)));
  }

  private async measureOne(replica: Replica, primaryLsn: string) {
    const startedAt = Date.now();
    try {
      const result = await replica.pool.query(
        `select pg_is_in_recovery() as standby,
                pg_last_wal_replay_lsn() >= $1::pg_lsn as caught_up,
                extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000 as replay_age_ms`,
        [primaryLsn],
      );
      const row = result.rows[0] as {
        standby: boolean;
        caught_up: boolean | null;
        replay_age_ms: string | null;
      };
      const checkedAt = new Date().toISOString();
      if (!row.standby) {
        replica.status = {
          ...replica.status,
          usable: false,
          lagMs: null,
          problem: "not a standby",
          checkedAt,
        };
        return;
      }
      if (row.caught_up) replica.caughtUpAt = startedAt;
      const sinceCaughtUp =
        replica.caughtUpAt === null ? Number.POSITIVE_INFINITY : Date.now() - replica.caughtUpAt;
      const replayAge =
        row.replay_age_ms === null ? Number.POSITIVE_INFINITY : Math.max(0, Number(row.replay_age_ms));
      const lag = row.caught_up ? 0 : Math.min(sinceCaughtUp, replayAge);
      const lagMs = Number.isFinite(lag) ? Math.round(lag) : null;
      const usable = lagMs !== null && lagMs <= this.maxLagMs;
      replica.status = { ...replica.status, usable, lagMs, problem: usable ? null : "lagging", checkedAt };
    } catch (error) {
      this.markDown(replica, error as Error);
    }
  }

  private markDown(replica: Replica, error: Error) {
    replica.status = {
      ...replica.status,
      usable: false,
      lagMs: null,
      problem: `unreachable: ${error.message}`,
      checkedAt: new Date().toISOString(),
    };
  }

  async close() {
    clearInterval(this.timer);
    await this.round?.catch(noop);
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(noop)));
  }
}
