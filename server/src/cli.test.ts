import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const cli = path.join(import.meta.dirname, "cli.ts");

async function cliRunWith(env: NodeJS.ProcessEnv, dataDir: string, ...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, [cli, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", ...env },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}
const cliRun = (dataDir: string, ...args: string[]) => cliRunWith({}, dataDir, ...args);
/** A PostgreSQL installation: backup and restore never connect to the database (pg_dump's job). */
const onPostgres = { DATABASE_URL: "postgres://postgres@127.0.0.1:9/never-connected" };

const temp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
/** Every file of DATA_DIR/files by key, as the hash of its bytes. */
function fileHashes(dataDir: string) {
  const dir = path.join(dataDir, "files");
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const full = path.join(e.parentPath, e.name);
        return [path.relative(dir, full), sha256(fs.readFileSync(full))];
      })
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}
/** A file store as the server writes it: keys by owner, an image's copies, a large and an empty file. */
function fillFileStore(dataDir: string) {
  const owner = "practice/0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
  const id = "0199a1b2-c3d4-7e5f-8a9b-1c2d3e4f5a6b";
  const files: Record<string, Buffer> = {
    [`${owner}/${id}-display.jpg`]: randomBytes(40_000),
    [`${owner}/${id}-thumb.jpg`]: randomBytes(5_000),
    [`${owner}/0199a1b2-c3d4-7e5f-8a9b-2c3d4e5f6a7b.pdf`]: randomBytes(2_500_000), // > one 1 MB chunk
    [`booklet/0199a1b2-c3d4-7e5f-8a9b-3c4d5e6f7a8b/${"0199a1b2-c3d4-7e5f-8a9b-4c5d6e7f8a9b".repeat(3)}.docx`]:
      randomBytes(777), // a path longer than tar's 100-character name field
    [`${owner}/empty.pdf`]: Buffer.alloc(0),
  };
  for (const [key, data] of Object.entries(files)) {
    const full = path.join(dataDir, "files", key);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, data);
  }
  // A put still being written (the store writes a temporary file, then renames it): left out.
  fs.writeFileSync(path.join(dataDir, "files", owner, `${id}.jpg.123.tmp`), "half");
  return Object.fromEntries(
    Object.entries(files)
      .map(([key, data]) => [key.split("/").join(path.sep), sha256(data)])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

describe("cli: backup and restore of the embedded database and the file store", () => {
  let source: string;
  let backup: string;
  let expected: Record<string, string>;
  const cleanup: string[] = [];
  const fresh = (prefix: string) => {
    const dir = temp(prefix);
    cleanup.push(dir);
    return dir;
  };
  beforeAll(async () => {
    source = fresh("tg-cli-");
    backup = path.join(source, "backup.tar");
    const first = await cliRun(source, "create-admin", "--username", "qtv.mot");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/one-time password.*: \S{4}-\S{4}-\S{4}/);
    expected = fillFileStore(source);
    const done = await cliRun(source, "backup", "--out", backup);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/5 tệp \(files\)/);
  }, 120_000);
  afterAll(() => {
    for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes a standard tar: the manifest, the database dump, every file and their checksums", async () => {
    const { stdout } = await run("tar", ["-tf", backup]);
    const names = stdout.trim().split("\n");
    expect(names[0]).toBe("theo-guong-backup.json");
    expect(names).toContain("database.tar.gz");
    expect(names.at(-1)).toBe("files.sha256");
    expect(names.filter((n) => n.startsWith("files/")).sort()).toEqual(
      Object.keys(expected).map((k) => `files/${k.split(path.sep).join("/")}`),
    );
    const unpacked = fresh("tg-cli-tar-");
    await run("tar", ["-xf", backup, "-C", unpacked]);
    expect((await run("sha256sum", ["-c", "files.sha256"], { cwd: unpacked })).stdout).toMatch(/: OK\n/);
  });

  it("restores into a fresh DATA_DIR: the database and every file (by hash)", async () => {
    const target = fresh("tg-cli-fresh-");
    const restored = await cliRun(target, "restore", backup, "--yes");
    expect(restored.code).toBe(0);
    expect(fileHashes(target)).toEqual(expected);
    // qtv.mot came back with the database.
    const again = await cliRun(target, "create-admin", "--username", "qtv.mot");
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/username exists/);
  }, 120_000);

  it("still restores a backup from before the file store was included (the database dump alone)", async () => {
    const old = fresh("tg-cli-old-");
    await run("tar", ["-xf", backup, "-C", old, "database.tar.gz"]);
    const target = fresh("tg-cli-fresh-");
    const restored = await cliRun(target, "restore", path.join(old, "database.tar.gz"), "--yes");
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/the file store is left as it is/);
    expect((await cliRun(target, "create-admin", "--username", "qtv.mot")).code).toBe(1);
  }, 120_000);

  it("refuses a restore without --yes, restores in place, and keeps the old data and files aside", async () => {
    const dir = fresh("tg-cli-place-");
    fs.cpSync(source, dir, { recursive: true });
    const copy = path.join(dir, "backup.tar");
    expect((await cliRun(dir, "create-admin", "--username", "qtv.hai")).code).toBe(0);
    const duplicate = await cliRun(dir, "create-admin", "--username", "qtv.hai");
    expect(duplicate.code).toBe(1);
    expect(duplicate.out).toMatch(/username exists/);
    const added = path.join(dir, "files", "practice", "added-after-the-backup.pdf");
    fs.writeFileSync(added, "later");

    const unconfirmed = await cliRun(dir, "restore", copy);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.out).toMatch(/--yes/);
    expect(fs.existsSync(added)).toBe(true);
    expect((await cliRun(dir, "restore", copy, "--yes")).code).toBe(0);
    // qtv.hai was created after the backup: after the restore the name is free again.
    expect((await cliRun(dir, "create-admin", "--username", "qtv.hai")).code).toBe(0);
    expect((await cliRun(dir, "create-admin", "--username", "qtv.mot")).code).toBe(1);
    expect(fileHashes(dir)).toEqual(expected);
    const kept = fs.readdirSync(dir);
    expect(kept.some((f) => f.startsWith("pglite.before-restore-"))).toBe(true);
    const filesAside = kept.find((f) => f.startsWith("files.before-restore-")) as string;
    expect(
      fs.readFileSync(path.join(dir, filesAside, "practice", "added-after-the-backup.pdf"), "utf8"),
    ).toBe("later");
  }, 300_000); // five runs of the CLI, each opening the embedded database and migrating it

  it("refuses a damaged backup before touching anything", async () => {
    const dir = fresh("tg-cli-damaged-");
    const damaged = path.join(dir, "damaged.tar");
    const bytes = fs.readFileSync(backup);
    const at = bytes.lastIndexOf(Buffer.from("files.sha256")) - 4096; // inside the last file's bytes
    bytes.writeUInt8((bytes[at] as number) ^ 0xff, at);
    fs.writeFileSync(damaged, bytes);
    const target = fresh("tg-cli-fresh-");
    const refused = await cliRun(target, "restore", damaged, "--yes");
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/damaged file in the backup/);
    expect(fs.readdirSync(target).filter((f) => f.startsWith("files"))).toEqual([]);
  }, 120_000);

  it("on PostgreSQL backs up and restores the file store (pg_dump for the database)", async () => {
    const done = await cliRunWith(onPostgres, source, "backup", "--out", path.join(source, "files-only.tar"));
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/pg_dump/);
    const { stdout } = await run("tar", ["-tf", path.join(source, "files-only.tar")]);
    expect(stdout).not.toContain("database.tar.gz");

    const target = fresh("tg-cli-pg-");
    const restored = await cliRunWith(
      onPostgres,
      target,
      "restore",
      path.join(source, "files-only.tar"),
      "--yes",
    );
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/pg_restore/);
    expect(fileHashes(target)).toEqual(expected);
    // Neither kind of backup restores into the other kind of installation.
    const embedded = await cliRunWith(onPostgres, target, "restore", backup, "--yes");
    expect(embedded.code).toBe(1);
    expect(embedded.out).toMatch(/unset DATABASE_URL/);
    const filesOnly = await cliRun(target, "restore", path.join(source, "files-only.tar"), "--yes");
    expect(filesOnly.code).toBe(1);
    expect(filesOnly.out).toMatch(/set DATABASE_URL to restore the files/);
  });
});
