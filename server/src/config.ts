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
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  RATE_LIMIT: flag.default(true),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  COOKIE_SECURE: flag.optional(),
  DEMO: flag.optional(),
  TRUST_PROXY: flag.default(false),
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
});

export type Config = Omit<z.output<typeof configSchema>, "COOKIE_SECURE" | "DEMO" | "REMINDERS"> & {
  COOKIE_SECURE: boolean;
  /** Run the daily reminders (default: on, except in tests). */
  REMINDERS: boolean;
  /** Create the demo tree and accounts on first start (default: only on the embedded database). */
  DEMO: boolean;
  dataDir: string;
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
    dataDir: path.resolve(c.DATA_DIR),
  };
}
