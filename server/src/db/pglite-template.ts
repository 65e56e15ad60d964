// The migrated empty embedded database, made once and copied into each new data directory: a first
// start then skips PGlite's initdb and the migrations (6–14 s on this project's machine, most of a
// first start). It is kept under node_modules/.cache/theo-guong/, named by a hash of the migrations
// folder and the PGlite version, so a new or edited migration makes a new template (and removes the
// old one) and a stale template is never copied. `npm install` makes it (scripts/postinstall.ts), and
// so does a test run (test/global-setup.ts) when it is missing; a first start without one, or whose
// copy fails, runs a plain initdb in the data directory. A variant adds more on top, under a key of
// its own: today's demo data (features/demo/template.ts).
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { type Db, migrateQueue, migrationsFolder, pgliteExtensions, queueSchemaVersion } from "./client.ts";
import * as schema from "./schema.ts";

/** Raise when the template's layout or the way it is made changes: old templates are then stale. */
const TEMPLATE_FORMAT = 1;
const PREFIX = "pglite-";
const META = "template.json";

/**
 * What is made once per installation: CACHE_DIR, else node_modules/.cache/theo-guong (scripts/start.ts
 * and scripts/postinstall.ts read it the same way, for Node's compile cache under `compile/`).
 */
export function cacheDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return env.CACHE_DIR
    ? path.resolve(env.CACHE_DIR)
    : path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../node_modules/.cache/theo-guong");
}

/** The installed PGlite's version, found as Node finds the package (node_modules of each ancestor). */
function pgliteVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const file = path.join(dir, "node_modules", "@electric-sql", "pglite", "package.json");
    if (fs.existsSync(file))
      return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
    if (path.dirname(dir) === dir) return "?";
  }
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** What the template is made of: every file of the migrations folder, the PGlite version, the extensions. */
export function templateKey(folder: string = migrationsFolder): string {
  const hash = createHash("sha256");
  hash.update(`format ${TEMPLATE_FORMAT}\npglite ${pgliteVersion()}\n`);
  hash.update(`extensions ${Object.keys(pgliteExtensions).sort().join(",")}\n`);
  hash.update(`job queue ${queueSchemaVersion()}\n`);
  for (const file of filesUnder(folder)) {
    hash.update(`${file}\n`);
    hash.update(fs.readFileSync(path.join(folder, file)));
  }
  return hash.digest("hex").slice(0, 24);
}

interface TemplateMeta {
  key: string;
  migrations: number;
  pglite: string;
  madeAt: string;
  madeInMs: number;
  /** What `prepare` returned (e.g. the demo accounts, without their passwords). */
  data?: unknown;
}

export interface TemplateOptions {
  /** Where templates are kept (default `cacheDirOf()`). */
  cacheDir?: string;
  /** The migrations the template applies (default the committed ones). */
  migrationsFolder?: string;
  /** "empty" (the default): the migrated database; another name: that and what its `prepare` adds. */
  variant?: string;
  /** What else the variant is made of (the code that fills it, the day it holds for), hashed into its key. */
  variantKey?: string;
}

function nameOf(options: TemplateOptions) {
  const variant = options.variant ?? "empty";
  const key = createHash("sha256")
    .update(`${templateKey(options.migrationsFolder)}\n${variant}\n${options.variantKey ?? ""}`)
    .digest("hex")
    .slice(0, 24);
  return { key, prefix: `${PREFIX}${variant}-`, name: `${PREFIX}${variant}-${key}` };
}

/** The PGlite directory of the current template (to copy, never to open), or null when there is none. */
export function findPgliteTemplate(options: TemplateOptions = {}): string | null {
  const cacheDir = options.cacheDir ?? cacheDirOf();
  try {
    const { key, name } = nameOf(options);
    const dir = path.join(cacheDir, name);
    const meta = JSON.parse(fs.readFileSync(path.join(dir, META), "utf8")) as Partial<TemplateMeta>;
    return meta.key === key && fs.existsSync(path.join(dir, "data", "PG_VERSION"))
      ? path.join(dir, "data")
      : null;
  } catch {
    return null;
  }
}

/** What the template's `prepare` returned when it was made. */
export function templateData(template: string): unknown {
  try {
    return (JSON.parse(fs.readFileSync(path.join(path.dirname(template), META), "utf8")) as TemplateMeta)
      .data;
  } catch {
    return undefined;
  }
}

/**
 * The current template, made first when there is none: initdb (or a copy of `from`, a template it
 * builds on), the migrations, then `prepare` (the figures' bookkeeping; the demo data). Made in a
 * directory of its own and renamed into place, so a process copying a template never sees half of
 * one; the variant's older templates are removed. Returns null, after logging why, when it cannot be
 * made (a read-only cache, a full disk): the caller then creates its database the plain way.
 */
export async function ensurePgliteTemplate(
  options: TemplateOptions & {
    from?: string | null;
    prepare?: (db: Db) => Promise<unknown>;
    log?: (line: string) => void;
  } = {},
): Promise<string | null> {
  const found = findPgliteTemplate(options);
  if (found) return found;
  const log = options.log ?? (() => {});
  const cacheDir = options.cacheDir ?? cacheDirOf();
  const folder = options.migrationsFolder ?? migrationsFolder;
  const building = path.join(cacheDir, `.building-${process.pid}-${randomBytes(4).toString("hex")}`);
  const started = performance.now();
  const what = options.variant && options.variant !== "empty" ? ` (${options.variant})` : "";
  try {
    const { key, name } = nameOf(options);
    log(
      `Đang tạo mẫu CSDL nhúng${what}, một lần (making the embedded database template${what}, once) in ${cacheDir}…`,
    );
    fs.mkdirSync(building, { recursive: true });
    if (options.from) fs.cpSync(options.from, path.join(building, "data"), { recursive: true });
    const client = await PGlite.create(path.join(building, "data"), { extensions: pgliteExtensions });
    let data: unknown;
    try {
      const db = drizzle({ client, schema });
      await migrate(db, { migrationsFolder: folder });
      await migrateQueue({ db: db as unknown as Db, kind: "pglite", pglite: client, close: async () => {} });
      data = await options.prepare?.(db as unknown as Db);
    } finally {
      await client.close();
    }
    const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as {
      entries: unknown[];
    };
    const meta: TemplateMeta = {
      key,
      migrations: journal.entries.length,
      pglite: pgliteVersion(),
      madeAt: new Date().toISOString(),
      madeInMs: Math.round(performance.now() - started),
      ...(data === undefined ? {} : { data }),
    };
    fs.writeFileSync(path.join(building, META), `${JSON.stringify(meta, null, 2)}\n`);
    try {
      fs.renameSync(building, path.join(cacheDir, name));
    } catch (error) {
      // Another process made the same template meanwhile: keep theirs.
      if (!findPgliteTemplate(options)) throw error;
    }
    pruneTemplates(options);
    return findPgliteTemplate(options);
  } catch (error) {
    log(
      `Không tạo được mẫu CSDL nhúng${what} (could not make the embedded database template${what}) in ${cacheDir}: ${(error as Error).message}`,
    );
    return null;
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
  }
}

/** Removes the variant's templates other than the current one (and builds abandoned an hour ago). */
export function pruneTemplates(options: TemplateOptions = {}) {
  const cacheDir = options.cacheDir ?? cacheDirOf();
  if (!fs.existsSync(cacheDir)) return;
  const { prefix, name: current } = nameOf(options);
  for (const name of fs.readdirSync(cacheDir)) {
    const full = path.join(cacheDir, name);
    if (name.startsWith(".removing-")) {
      fs.rmSync(full, { recursive: true, force: true });
      continue;
    }
    const stale =
      (name.startsWith(prefix) && name !== current) ||
      (name.startsWith(".building-") && Date.now() - fs.statSync(full).mtimeMs > 3_600_000);
    if (!stale) continue;
    // Renamed first: a process copying it fails its copy and falls back to initdb, never half-copies.
    const doomed = path.join(cacheDir, `.removing-${randomBytes(4).toString("hex")}`);
    try {
      fs.renameSync(full, doomed);
      fs.rmSync(doomed, { recursive: true, force: true });
    } catch {}
  }
}
