import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const cli = path.join(import.meta.dirname, "cli.ts");

async function cliRun(dataDir: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" };
  try {
    const { stdout } = await run(process.execPath, [cli, ...args], { env });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

describe("cli: embedded database operations", () => {
  it("backs up, refuses a restore without --yes, restores, and keeps the old data aside", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-cli-"));
    const backup = path.join(dir, "backup.tar.gz");
    try {
      const first = await cliRun(dir, "create-admin", "--username", "qtv.mot");
      expect(first.code).toBe(0);
      expect(first.out).toMatch(/one-time password.*: \S{4}-\S{4}-\S{4}/);
      expect((await cliRun(dir, "backup", "--out", backup)).code).toBe(0);
      expect(fs.statSync(backup).size).toBeGreaterThan(1000);
      expect((await cliRun(dir, "create-admin", "--username", "qtv.hai")).code).toBe(0);
      const duplicate = await cliRun(dir, "create-admin", "--username", "qtv.hai");
      expect(duplicate.code).toBe(1);
      expect(duplicate.out).toMatch(/username exists/);

      const unconfirmed = await cliRun(dir, "restore", backup);
      expect(unconfirmed.code).toBe(1);
      expect(unconfirmed.out).toMatch(/--yes/);
      expect((await cliRun(dir, "restore", backup, "--yes")).code).toBe(0);
      // qtv.hai was created after the backup: after the restore the name is free again.
      expect((await cliRun(dir, "create-admin", "--username", "qtv.hai")).code).toBe(0);
      expect((await cliRun(dir, "create-admin", "--username", "qtv.mot")).code).toBe(1);
      expect(fs.readdirSync(dir).some((f) => f.startsWith("pglite.before-restore-"))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000); // seven runs of the CLI, each opening the embedded database and migrating it
});
