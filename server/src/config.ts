import os from "node:os";
import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["on", "off", "true", "false", "1", "0"])
  .transform((v) => v === "on" || v === "true" || v === "1");

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().url().optional(),
  /**
   * Read replicas of DATABASE_URL (one or more, comma-separated): the dashboard, statistics,
   * searches and exports read from them; a user who has just written reads from the primary.
   */
  DATABASE_REPLICA_URL: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((u) => u.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.string().url())),
  /** A replica further behind the primary than this (ms) is not read from: the primary answers. */
  REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).default(10_000),
  /** After a write, the same user's reads go to the primary for this long (s): they see their writes. */
  READ_YOUR_WRITES_SECONDS: z.coerce.number().min(0).default(10),
  /** Redis (redis://host:6379): rate limits shared by every instance. Unset: each instance counts its own. */
  REDIS_URL: z.string().url().optional(),
  /** This instance's name in logs, job claims and /api/health (default: host name and process id). */
  INSTANCE_NAME: z.string().optional(),
  /** On SIGTERM: how long running requests and jobs may take to finish before the process exits (ms). */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(25_000),
  /** Live event streams (server-sent events) one user may hold at once (tabs, devices). */
  EVENT_STREAMS_PER_USER: z.coerce.number().int().positive().default(6),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  RATE_LIMIT: flag.default(true),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  COOKIE_SECURE: flag.optional(),
  DEMO: flag.optional(),
  TRUST_PROXY: flag.default(false),
  /** The longest list downloaded directly as .xlsx (GET …/export); a longer one is exported as a job. */
  EXPORT_DIRECT_MAX_ROWS: z.coerce.number().int().positive().default(200_000),
  /** Rows per sheet of an exported workbook (Excel shows at most 1,048,576, title and header included). */
  EXPORT_SHEET_MAX_ROWS: z.coerce.number().int().positive().max(1_048_574).default(1_000_000),
  /** Largest uploaded file (evidence, photos). */
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1_048_576),
  /** Files go to S3-compatible storage when a bucket is set, else under DATA_DIR/files. */
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: flag.default(true),
  /** The public address of the site, for links in shared pages (link previews); default: the request's host. */
  PUBLIC_URL: z.string().url().optional(),
  /** E-mail of notifications: smtp://user:pass@host:587 (smtps:// for implicit TLS); unset → in-app only. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().optional(),
  /** A gateway (SMS, Zalo) that takes each notification as a JSON POST {to, userId, phone?, title, body, link}. */
  NOTIFY_WEBHOOK_URL: z.string().url().optional(),
  /** When set, the webhook's body is signed: x-theo-guong-signature: sha256=<HMAC of the body>. */
  NOTIFY_WEBHOOK_SECRET: z.string().optional(),
  /** The daily reminders (late commitments and ratings); default on, off in tests. */
  REMINDERS: flag.optional(),
  /** The hour (Vietnam time) of the daily reminders run. */
  REMINDERS_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /** The daily run's cron expression (Vietnam time) instead of REMINDERS_HOUR (the cluster tests run it every minute). */
  DAILY_RUN_CRON: z.string().optional(),
  /**
   * PostgreSQL statement_timeout (ms, 0 = none) of an ordinary API request: pages answer in well
   * under a second, so a statement still running after 10 s is a query to fix, and it would hold a
   * tenth of the pool while the user gave up long ago.
   */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** …of a download built while the user waits (.xlsx/.docx/PDF of a list, a report, a decision). */
  EXPORT_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(120_000),
  /** …of background work (jobs, the daily run, start-up maintenance): a statement past 30 min is stuck. */
  JOB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(1_800_000),
  /** Answer 503 at once (Retry-After) when the server is saturated; default on, off in tests. */
  LOAD_SHEDDING: flag.optional(),
  /** Saturated: the event loop's mean delay over the last second passes this (ms; 0 = not checked). */
  SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().min(0).default(1_000),
  /**
   * …or its utilisation over the last second passes this (0..1; 0 = not checked, the default: a
   * server at full throughput runs near 1 while still answering in milliseconds).
   */
  SHED_EVENT_LOOP_UTILIZATION: z.coerce.number().min(0).max(1).default(0),
  /** …or more checkouts than this wait for a PostgreSQL pool connection (0 = not checked). */
  SHED_DB_WAITING: z.coerce.number().int().min(0).default(100),
  /** …or the oldest of them has waited longer than this (ms; 0 = not checked). */
  SHED_DB_WAIT_MS: z.coerce.number().int().min(0).default(2_000),
  /**
   * A request admitted just before the queue grew old still waits behind it: past this wait (ms;
   * 0 = none) it gets the same 503 instead of a connection. Jobs wait as long as it takes.
   */
  SHED_DB_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  /** The Retry-After of those 503 answers (s): by then the statements holding the pool have ended. */
  SHED_RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(10),
});

export type Config = Omit<
  z.output<typeof configSchema>,
  "COOKIE_SECURE" | "DEMO" | "REMINDERS" | "LOAD_SHEDDING"
> & {
  COOKIE_SECURE: boolean;
  /** Shed load when saturated (default: on, except in tests). */
  LOAD_SHEDDING: boolean;
  /** Run the daily reminders (default: on, except in tests). */
  REMINDERS: boolean;
  /** Create the demo tree and accounts on first start (default: only on the embedded database). */
  DEMO: boolean;
  dataDir: string;
  instanceName: string;
};

/** One typed, validated configuration object read from the environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (DATABASE_URL= in a shell or .env) means "unset".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ (invalid configuration):\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  return {
    ...c,
    COOKIE_SECURE: c.COOKIE_SECURE ?? c.NODE_ENV === "production",
    DEMO: c.DEMO ?? !c.DATABASE_URL,
    REMINDERS: c.REMINDERS ?? c.NODE_ENV !== "test",
    LOAD_SHEDDING: c.LOAD_SHEDDING ?? c.NODE_ENV !== "test",
    dataDir: path.resolve(c.DATA_DIR),
    instanceName: c.INSTANCE_NAME ?? `${os.hostname()}:${process.pid}`,
  };
}
