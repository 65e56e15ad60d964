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
import { isEmpty, publishDemoAccounts, seedDemo } from "./features/demo/seed.ts";
import { ensureFiguresCurrent, rebuildFigures } from "./features/figures/rebuild.ts";
import { createUnit } from "./features/units/commands.ts";
import { units } from "./features/units/schema.ts";
import { normaliseUsername } from "./features/users/queries.ts";
import { users } from "./features/users/schema.ts";
import { recordAudit } from "./lib/audit.ts";
import { systemCtx } from "./lib/auth/actor.ts";
import { hashPassword, oneTimePassword } from "./lib/auth/secrets.ts";

const usage = `Cách dùng (usage): npm run cli -- <lệnh> [tùy chọn]
  migrate                         áp dụng migration (apply migrations)
  rebuild-figures                 tính lại mọi số liệu tổng hợp từ hồ sơ (recompute every figure from the records)
  seed-demo                       tạo cây và tài khoản dùng thử nếu CSDL còn trống (demo data into an empty database)
  create-admin --username U [--name "Tên"] [--unit-name "Ban Chấp hành Trung ương Đảng"]
                                  tạo quản trị viên đầu tiên với mật khẩu dùng một lần (first administrator)
  backup [--out FILE]             sao lưu CSDL nhúng (embedded database backup; stop the server first)
  restore FILE --yes              khôi phục CSDL nhúng từ bản sao lưu (restore; stop the server first)
Với PostgreSQL (DATABASE_URL), sao lưu bằng pg_dump: pg_dump -Fc "$DATABASE_URL" > theo-guong.dump
                               khôi phục bằng pg_restore: pg_restore --clean -d "$DATABASE_URL" theo-guong.dump`;

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await runMigrations(database, config.DATABASE_URL);
    await ensureFiguresCurrent(database.db, (line) => console.log(line));
    return await fn(database);
  } finally {
    await database.close();
  }
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);

async function backup(out: string | undefined) {
  const config = loadConfig();
  if (config.DATABASE_URL)
    throw new Error(`Với PostgreSQL hãy dùng pg_dump (use pg_dump for PostgreSQL):\n${usage}`);
  const file = path.resolve(out ?? path.join(config.dataDir, "backups", `theo-guong-${stamp()}.tar.gz`));
  const database = await openDatabase(config);
  try {
    const dump = await (database.pglite as PGlite).dumpDataDir("gzip");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await database.close();
  }
  console.log(`Đã sao lưu (backed up) → ${file}`);
}

async function restore(file: string | undefined, yes: boolean) {
  const config = loadConfig();
  if (config.DATABASE_URL)
    throw new Error(`Với PostgreSQL hãy dùng pg_restore (use pg_restore for PostgreSQL):\n${usage}`);
  if (!file || !fs.existsSync(file))
    throw new Error(`Không tìm thấy tệp sao lưu (backup file not found): ${file ?? ""}`);
  if (!yes) {
    throw new Error(
      "Khôi phục sẽ thay toàn bộ dữ liệu hiện tại; dữ liệu cũ được giữ lại ở thư mục pglite.before-restore-*. Chạy lại với --yes để xác nhận.\n" +
        "(Restore replaces all current data; the old data is kept aside. Run again with --yes to confirm.)",
    );
  }
  const blob = new Blob([fs.readFileSync(file)]);
  // Check the backup opens before touching the current data.
  const probe = await PGlite.create({ loadDataDir: blob, extensions: pgliteExtensions });
  await probe.query("select 1");
  await probe.close();

  const busy = await openDatabase(config).catch((e) => e);
  if (busy instanceof DataDirBusyError) throw busy;
  await (busy as Database).close();
  const dir = pgliteDir(config.dataDir);
  const aside = `${dir}.before-restore-${stamp()}`;
  if (fs.existsSync(dir)) fs.renameSync(dir, aside);
  const restored = await PGlite.create(dir, { loadDataDir: blob, extensions: pgliteExtensions });
  await restored.close();
  await withDatabase(async () => {}); // applies any newer migrations to the restored data
  console.log(`Đã khôi phục từ (restored from) ${file}; dữ liệu cũ (previous data): ${aside}`);
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
        (await createUnit(tx, ctx, {
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
        publishDemoAccounts(loadConfig().dataDir, accounts, (line) => console.log(line));
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
