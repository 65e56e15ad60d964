import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { eq, isNull } from "drizzle-orm";
import { loadConfig } from "./config.ts";
import {
  type Database,
  DataDirBusyError,
  openDatabase,
  pgliteDir,
  pgliteExtensions,
  runMigrations,
} from "./db/client.ts";
import { demoAccountsBox, isEmpty, publishDemoAccounts, seedDemo } from "./features/demo/seed.ts";
import { ensureFiguresCurrent, rebuildFigures } from "./features/figures/index.ts";
import { createUnit } from "./features/units/commands/create-unit.ts";
import { units } from "./features/units/schema.ts";
import { users } from "./features/users/schema.ts";
import { recordAudit } from "./lib/audit.ts";
import { systemCtx } from "./lib/auth/actor.ts";
import { normaliseUsername } from "./lib/auth/roles.ts";
import { hashPassword, oneTimePassword } from "./lib/auth/secrets.ts";
import { extractEntry, listTar, readEntry, type TarEntry, TarWriter } from "./lib/backup-archive.ts";
import { localFilesDir } from "./lib/storage.ts";
import { installModules } from "./modules.ts";

const usage = `Cách dùng (usage): npm run cli -- <lệnh> [tùy chọn]
  migrate                         áp dụng migration (apply migrations)
  rebuild-figures                 tính lại mọi số liệu tổng hợp từ hồ sơ (recompute every figure from the records)
  seed-demo                       tạo cây và tài khoản dùng thử nếu CSDL còn trống (demo data into an empty database)
  create-admin --username U [--name "Tên"] [--unit-name "Ban Chấp hành Trung ương Đảng"]
                                  tạo quản trị viên đầu tiên với mật khẩu dùng một lần (first administrator)
  backup [--out FILE]             sao lưu CSDL nhúng và kho tệp DATA_DIR/files (embedded database and file store; stop the server first)
  restore FILE --yes              khôi phục CSDL nhúng và kho tệp từ bản sao lưu (restore both; stop the server first)
Với PostgreSQL (DATABASE_URL), backup/restore chỉ gồm kho tệp (only the file store); CSDL sao lưu bằng pg_dump:
                               pg_dump -Fc "$DATABASE_URL" > theo-guong.dump
                               khôi phục bằng pg_restore: pg_restore --clean -d "$DATABASE_URL" theo-guong.dump
Tệp trong S3 (S3_BUCKET) sao lưu bằng công cụ của kho S3 (files in S3: the bucket's own tools).`;

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await runMigrations(database, config.DATABASE_URL);
    installModules();
    await ensureFiguresCurrent(database.db, (line) => console.log(line));
    return await fn(database);
  } finally {
    await database.close();
  }
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);

/**
 * A backup (format 2) is a plain tar: `theo-guong-backup.json` first (the format, and what it
 * holds), `database.tar.gz` (the embedded database's dump, absent on PostgreSQL), every file of
 * the local file store under `files/`, and `files.sha256` last (`sha256sum -c` after `tar -xf`).
 * Format 1, from before the file store was included, was the database dump alone (gzip): it still
 * restores, leaving the file store as it is.
 */
const MANIFEST = "theo-guong-backup.json";
const DATABASE_ENTRY = "database.tar.gz";
const CHECKSUMS = "files.sha256";
const FILES_PREFIX = "files/";
interface Manifest {
  format: 2;
  createdAt: string;
  database: "pglite" | null;
  files: number;
}

/** The local file store's files as keys (`practice/…/….pdf`), leaving out half-written ones. */
function storedKeys(dir: string) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".tmp"))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

const inside = (dir: string, target: string) => target.startsWith(path.resolve(dir) + path.sep);

async function backup(out: string | undefined) {
  const config = loadConfig();
  const filesDir = localFilesDir(config.dataDir);
  if (config.DATABASE_URL && config.S3_BUCKET)
    throw new Error(
      "Không có gì để sao lưu ở đây: CSDL PostgreSQL sao lưu bằng pg_dump, tệp nằm trong S3 sao lưu bằng công cụ của kho S3.\n" +
        `(Nothing to back up here: use pg_dump for PostgreSQL and the bucket's own tools for S3.)\n${usage}`,
    );
  const file = path.resolve(out ?? path.join(config.dataDir, "backups", `theo-guong-${stamp()}.tar`));
  if (inside(filesDir, file))
    throw new Error(`Không ghi bản sao lưu vào trong kho tệp (not inside the file store): ${filesDir}`);
  let dump: Buffer | null = null;
  if (!config.DATABASE_URL) {
    const database = await openDatabase(config);
    try {
      if (!database.dumpDataDir) throw new Error("no embedded database");
      dump = Buffer.from(await (await database.dumpDataDir("gzip")).arrayBuffer());
    } finally {
      await database.close();
    }
  }
  const keys = config.S3_BUCKET ? [] : storedKeys(filesDir);
  const manifest: Manifest = {
    format: 2,
    createdAt: new Date().toISOString(),
    database: dump ? "pglite" : null,
    files: keys.length,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const archive = new TarWriter(partial);
  try {
    archive.add(MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    if (dump) archive.add(DATABASE_ENTRY, dump);
    const sums = keys.map(
      (key) => `${archive.addFile(FILES_PREFIX + key, path.join(filesDir, key))}  ${FILES_PREFIX}${key}\n`,
    );
    archive.add(CHECKSUMS, Buffer.from(sums.join("")));
  } catch (error) {
    archive.close();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  archive.close();
  fs.renameSync(partial, file);
  console.log(`Đã sao lưu (backed up) → ${file}`);
  console.log(
    config.S3_BUCKET
      ? `Tệp nằm trong S3 (bucket ${config.S3_BUCKET}): không có trong bản sao lưu này, hãy sao lưu bucket bằng công cụ của nó (the files are in S3: back the bucket up with its own tools).`
      : `Kho tệp (file store): ${keys.length} tệp (files) từ ${filesDir}`,
  );
  if (config.DATABASE_URL)
    console.log(
      `CSDL PostgreSQL không có trong bản sao lưu này (the PostgreSQL database is not in it): pg_dump -Fc "$DATABASE_URL" > theo-guong.dump`,
    );
}

interface Backup {
  format: 1 | 2;
  database: Buffer<ArrayBuffer> | null;
  files: TarEntry[];
  checksums: Map<string, string>;
}

/** Reads a backup of either format, checking what it holds before anything is touched. */
function readBackup(file: string): Backup {
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, "r");
  fs.readSync(fd, head, 0, 2, 0);
  fs.closeSync(fd);
  if (head[0] === 0x1f && head[1] === 0x8b)
    return { format: 1, database: fs.readFileSync(file), files: [], checksums: new Map() };
  const notBackup = new Error(`Không phải bản sao lưu của Theo Gương (not a Theo Gương backup): ${file}`);
  const entries = listTar(file);
  if (entries?.[0]?.name !== MANIFEST) throw notBackup;
  const manifest = JSON.parse(readEntry(file, entries[0]).toString("utf8")) as Manifest;
  if (manifest.format !== 2)
    throw new Error(`Bản sao lưu định dạng ${manifest.format} mới hơn phiên bản này (a newer backup format)`);
  const entry = (name: string) => entries.find((e) => e.name === name);
  const dump = entry(DATABASE_ENTRY);
  const sums = entry(CHECKSUMS);
  if ((manifest.database === "pglite") !== !!dump || !sums) throw notBackup;
  const checksums = new Map(
    readEntry(file, sums)
      .toString("utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [hash, name] = line.split("  ");
        return [name as string, hash as string];
      }),
  );
  const files = entries.filter((e) => e.name.startsWith(FILES_PREFIX));
  if (
    files.length !== checksums.size ||
    files.length !== manifest.files ||
    files.some((e) => !checksums.has(e.name))
  )
    throw new Error(`Bản sao lưu thiếu tệp (the backup is incomplete): ${file}`);
  return { format: 2, database: dump ? readEntry(file, dump) : null, files, checksums };
}

/** Unpacks the backup's files into a new directory, each checked against its SHA-256. */
function unpackFiles(file: string, backup: Backup, target: string) {
  fs.mkdirSync(target, { recursive: true });
  for (const entry of backup.files) {
    const destination = path.resolve(target, entry.name.slice(FILES_PREFIX.length));
    if (!inside(target, destination)) throw new Error(`Tên tệp không hợp lệ (bad file name): ${entry.name}`);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    if (extractEntry(file, entry, destination) !== backup.checksums.get(entry.name))
      throw new Error(`Tệp hỏng trong bản sao lưu (damaged file in the backup): ${entry.name}`);
  }
}

async function restore(file: string | undefined, yes: boolean) {
  const config = loadConfig();
  if (!file || !fs.existsSync(file))
    throw new Error(`Không tìm thấy tệp sao lưu (backup file not found): ${file ?? ""}`);
  const backup = readBackup(file);
  if (config.DATABASE_URL && backup.database)
    throw new Error(
      `Bản sao lưu này chứa CSDL nhúng: bỏ DATABASE_URL để khôi phục nó; với PostgreSQL hãy dùng pg_restore.\n(This backup holds an embedded database: unset DATABASE_URL to restore it; for PostgreSQL use pg_restore.)\n${usage}`,
    );
  if (!config.DATABASE_URL && !backup.database)
    throw new Error(
      "Bản sao lưu này chỉ có kho tệp (của một cài đặt PostgreSQL): đặt DATABASE_URL để khôi phục tệp.\n" +
        "(This backup holds only the file store, from a PostgreSQL installation: set DATABASE_URL to restore the files.)",
    );
  if (config.S3_BUCKET && backup.files.length)
    throw new Error(
      `Kho tệp là S3 (bucket ${config.S3_BUCKET}): chép tệp vào bucket bằng công cụ của nó — giải nén bằng "tar -xf ${file} files/", mỗi tệp files/KHOÁ là đối tượng KHOÁ.\n` +
        `(The file store is S3: unpack files/ with tar and copy each files/KEY to the object KEY with the bucket's tools.)`,
    );
  const restoresFiles = backup.format === 2 && !config.S3_BUCKET;
  if (!yes) {
    throw new Error(
      `Khôi phục sẽ thay toàn bộ dữ liệu hiện tại; dữ liệu cũ được giữ lại ở thư mục ${[
        backup.database && "pglite.before-restore-*",
        restoresFiles && "files.before-restore-*",
      ]
        .filter(Boolean)
        .join(" và ")}. Chạy lại với --yes để xác nhận.\n` +
        "(Restore replaces all current data; the old data is kept aside. Run again with --yes to confirm.)",
    );
  }
  const when = stamp();
  let blob: Blob | null = null;
  if (backup.database) {
    blob = new Blob([backup.database]);
    // Check the backup opens before touching the current data.
    const probe = await PGlite.create({ loadDataDir: blob, extensions: pgliteExtensions });
    await probe.query("select 1");
    await probe.close();
    const busy = await openDatabase(config).catch((e) => e);
    if (busy instanceof DataDirBusyError) throw busy;
    await (busy as Database).close();
  }
  const filesDir = localFilesDir(config.dataDir);
  const unpacked = `${filesDir}.restoring-${when}`;
  if (restoresFiles) {
    try {
      unpackFiles(file, backup, unpacked);
    } catch (error) {
      fs.rmSync(unpacked, { recursive: true, force: true });
      throw error;
    }
  }
  const previous: string[] = [];
  if (blob) {
    const dir = pgliteDir(config.dataDir);
    const aside = `${dir}.before-restore-${when}`;
    if (fs.existsSync(dir)) {
      fs.renameSync(dir, aside);
      previous.push(aside);
    }
    const restored = await PGlite.create(dir, { loadDataDir: blob, extensions: pgliteExtensions });
    await restored.close();
  }
  if (restoresFiles) {
    const aside = `${filesDir}.before-restore-${when}`;
    if (fs.existsSync(filesDir)) {
      fs.renameSync(filesDir, aside);
      previous.push(aside);
    }
    fs.renameSync(unpacked, filesDir);
  }
  if (blob) await withDatabase(async () => {}); // applies any newer migrations to the restored data
  console.log(
    `Đã khôi phục từ (restored from) ${file}; dữ liệu cũ (previous data): ${previous.join(", ") || "—"}`,
  );
  console.log(
    restoresFiles
      ? `Kho tệp (file store): ${backup.files.length} tệp (files) → ${filesDir}`
      : backup.format === 1
        ? "Bản sao lưu cũ chỉ có CSDL: kho tệp giữ nguyên (an older backup holds only the database: the file store is left as it is)."
        : `Tệp nằm trong S3 (the files are in S3, bucket ${config.S3_BUCKET}): không thay đổi (left as they are).`,
  );
  if (config.DATABASE_URL)
    console.log(
      `CSDL PostgreSQL khôi phục riêng (restore the database separately): pg_restore --clean -d "$DATABASE_URL" theo-guong.dump`,
    );
}

async function createAdmin(values: { username?: string; name?: string; "unit-name"?: string }) {
  if (!values.username) throw new Error(usage);
  const username = normaliseUsername(values.username);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await withDatabase(async ({ db }) => {
    await db.transaction(async (tx) => {
      const ctx = systemCtx();
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (taken) throw new Error(`Tên đăng nhập đã có (username exists): ${username}`);
      const [existingRoot] = await tx.select().from(units).where(isNull(units.parentId)).limit(1);
      const root =
        existingRoot ??
        (await createUnit({
          tx,
          ctx,
          name: values["unit-name"] ?? "Ban Chấp hành Trung ương Đảng",
          parent: null,
        }));
      const [user] = await tx
        .insert(users)
        .values({
          username,
          displayName: values.name ?? "Quản trị hệ thống",
          role: "admin",
          unitId: root.id,
          passwordHash,
          mustChangePassword: true,
        })
        .returning({ id: users.id });
      await recordAudit(tx, ctx, {
        event: "system.create_admin",
        entityId: user?.id ?? null,
        unitId: root.id,
        after: { username },
      });
    });
  });
  console.log(`Đã tạo quản trị viên (administrator created): ${username}`);
  console.log(`Mật khẩu dùng một lần (one-time password, change at first login): ${password}`);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: "string" },
      name: { type: "string" },
      "unit-name": { type: "string" },
      out: { type: "string" },
      yes: { type: "boolean", default: false },
    },
  });
  const [command, arg] = positionals;
  switch (command) {
    case "migrate":
      await withDatabase(async (d) => console.log(`Migrations applied (${d.kind}).`));
      break;
    case "rebuild-figures":
      await withDatabase(({ db }) =>
        db.transaction((tx) => rebuildFigures(tx, { log: (line) => console.log(line) })),
      );
      console.log("Đã tính lại số liệu (figures rebuilt).");
      break;
    case "seed-demo":
      await withDatabase(async ({ db }) => {
        if (!(await isEmpty(db))) {
          console.log(
            "CSDL đã có dữ liệu: không tạo dữ liệu dùng thử (the database is not empty: nothing seeded).",
          );
          return;
        }
        const { accounts } = await seedDemo(db);
        console.log(demoAccountsBox(publishDemoAccounts(loadConfig().dataDir, accounts)));
      });
      break;
    case "create-admin":
      await createAdmin(values);
      break;
    case "backup":
      await backup(values.out ?? arg);
      break;
    case "restore":
      await restore(arg, values.yes ?? false);
      break;
    default:
      console.log(usage);
      process.exit(command ? 1 : 0);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
