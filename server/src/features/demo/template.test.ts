import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, migrationStatus, openPglite } from "../../db/client.ts";
import { ensurePgliteTemplate, findPgliteTemplate } from "../../db/pglite-template.ts";
import { verifyPassword } from "../../lib/auth/secrets.ts";
import { vnToday } from "../../lib/dates.ts";
import { installModules } from "../../modules.ts";
import { ensureFiguresCurrent } from "../figures/index.ts";
import { units } from "../units/schema.ts";
import { users } from "../users/schema.ts";
import { demoTemplateKey, ensureDemoTemplate, findDemoTemplate, reissueDemoPasswords } from "./template.ts";

installModules();

describe("today's demo template", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tg-demo-template-"));
  const cacheDir = path.join(scratch, "cache");
  const opened: Database[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((d) => d.close()));
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("gives each new data directory the demo data with passwords of its own, and holds for its day only", async () => {
    // On the run's migrated template (copied, so that nothing here touches the shared cache).
    const shared = findPgliteTemplate();
    if (shared) {
      const made = path.dirname(shared);
      fs.cpSync(made, path.join(cacheDir, path.basename(made)), { recursive: true });
    }
    const emptyTemplate = await ensurePgliteTemplate({ cacheDir, prepare: (db) => ensureFiguresCurrent(db) });
    if (!emptyTemplate) throw new Error("no migrated template");
    // One key for the whole test: another engineer's edit to server/src meanwhile would change it.
    const key = demoTemplateKey();
    expect(findDemoTemplate(cacheDir, key)).toBeNull();
    const made = await ensureDemoTemplate({ emptyTemplate, cacheDir, key });
    const found = findDemoTemplate(cacheDir, key);
    expect(found?.template).toBe(made);
    expect(found?.accounts.map((a) => a.username)).toContain("canbo.tinh1");
    const json = fs.readFileSync(path.join(path.dirname(made ?? ""), "template.json"), "utf8");
    expect(json).not.toMatch(/password/i); // the template keeps no password, not even a hash

    const passwords: Map<string, string>[] = [];
    for (const name of ["a", "b"]) {
      const database = await openPglite({
        dataDir: path.join(scratch, name),
        template: found?.template ?? null,
      });
      opened.push(database);
      expect(database.startedFrom).toBe("template");
      expect((await migrationStatus(database.db)).upToDate).toBe(true);
      const [tree] = await database.db.select({ n: count() }).from(units);
      expect(tree?.n).toBeGreaterThan(50);
      const accounts = await reissueDemoPasswords(database.db, found?.accounts ?? []);
      expect(accounts).toHaveLength(found?.accounts.length ?? -1);
      for (const account of accounts) {
        const [row] = await database.db.select().from(users).where(eq(users.username, account.username));
        expect(row?.unitId).toBe(account.unitId);
        expect(await verifyPassword(row?.passwordHash ?? "", account.password)).toBe(true);
      }
      passwords.push(new Map(accounts.map((a) => [a.username, a.password])));
    }
    // Two data directories from one template share no password.
    for (const [username, password] of passwords[0] ?? [])
      expect(passwords[1]?.get(username)).not.toBe(password);

    // Another day (or other code) is another key: a template of yesterday is not found today.
    const yesterday = vnToday(Date.now() - 86_400_000);
    expect(demoTemplateKey(yesterday)).not.toBe(demoTemplateKey());
    expect(
      findPgliteTemplate({ cacheDir, variant: "demo", variantKey: demoTemplateKey(yesterday) }),
    ).toBeNull();

    // The server's first start on it: the published accounts sign in.
    const dataDir = path.join(scratch, "server");
    const server = spawn(process.execPath, [path.join(import.meta.dirname, "../../main.ts")], {
      env: { ...process.env, CACHE_DIR: cacheDir, DATA_DIR: dataDir, DATABASE_URL: "", PORT: "0" },
    });
    try {
      let out = "";
      const port = await new Promise<number>((resolve, reject) => {
        const onData = (d: Buffer) => {
          out += d.toString();
          const m = out.match(/\(running at\) http:\/\/[^:]+:(\d+)/);
          if (m) resolve(Number(m[1]));
        };
        server.stdout.on("data", onData);
        server.stderr.on("data", onData);
        server.once("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
      });
      // The template holds for the code that made it: an edit to server/src meanwhile rightly makes it stale.
      expect(out).toMatch(
        demoTemplateKey() === key
          ? /copied from the template with today's demo data/
          : /copied from the template\)/,
      );
      const published = JSON.parse(fs.readFileSync(path.join(dataDir, "demo-accounts.json"), "utf8")) as {
        username: string;
        password: string;
      }[];
      const officer = published.find((a) => a.username === "canbo.tinh1");
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: officer?.username, password: officer?.password }),
      });
      expect(login.status).toBe(200);
      expect(published.map((a) => a.password)).not.toContain(passwords[0]?.get("canbo.tinh1"));
    } finally {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
  }, 300_000);
});
