// The demo data made once, at `npm install`, as a template of its own (the migrated template plus
// the demo seed), and copied by a first start: the seed runs ~1,500 statements through the real
// commands (4–7 s here), most of a first start once initdb is gone. The demo is dated by today
// (plans, topics, reports, commendations are placed around it), so this template holds only on the
// Vietnam day it was made, and only for the code that made it (a hash of server/src and the
// lockfile): on any other day, or after an edit, the first start seeds as before. Its accounts get
// new passwords at each first start; the template keeps no password.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  ensurePgliteTemplate,
  findPgliteTemplate,
  pruneTemplates,
  templateData,
} from "../../db/pglite-template.ts";
import { hashPassword, oneTimePassword } from "../../lib/auth/secrets.ts";
import { vnToday } from "../../lib/dates.ts";
import { ensureFiguresCurrent } from "../figures/index.ts";
import { users } from "../users/schema.ts";
import { type DemoAccount, seedDemo } from "./seed.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const serverSource = path.resolve(here, "../..");
const lockfile = path.resolve(serverSource, "../../package-lock.json");

/** The code and the day the demo template is made of. */
export function demoTemplateKey(day = vnToday()): string {
  const hash = createHash("sha256").update(`day ${day}\n`);
  const files = fs
    .readdirSync(serverSource, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".test.ts"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of [...files, ...(fs.existsSync(lockfile) ? [lockfile] : [])]) {
    hash.update(`${path.relative(serverSource, file)}\n`);
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

type DemoAccountEntry = Omit<DemoAccount, "password">;

const variant = (cacheDir: string | undefined, key: string) => ({
  variant: "demo",
  variantKey: key,
  ...(cacheDir ? { cacheDir } : {}),
});

/** Makes today's demo template from the migrated one (`npm install`); null when it cannot. */
export async function ensureDemoTemplate(options: {
  emptyTemplate: string;
  cacheDir?: string;
  /** Default `demoTemplateKey()`. */
  key?: string;
  log?: (line: string) => void;
}): Promise<string | null> {
  return ensurePgliteTemplate({
    ...variant(options.cacheDir, options.key ?? demoTemplateKey()),
    from: options.emptyTemplate,
    ...(options.log ? { log: options.log } : {}),
    async prepare(db) {
      await ensureFiguresCurrent(db);
      const { accounts } = await seedDemo(db);
      return { accounts: accounts.map(({ password: _, ...account }): DemoAccountEntry => account) };
    },
  });
}

/** Today's demo template for this code, with its accounts, or null (removing a stale one). */
export function findDemoTemplate(
  cacheDir?: string,
  key?: string,
): { template: string; accounts: DemoAccountEntry[] } | null {
  try {
    const options = variant(cacheDir, key ?? demoTemplateKey());
    const template = findPgliteTemplate(options);
    if (!template) {
      pruneTemplates(options);
      return null;
    }
    const accounts = (templateData(template) as { accounts?: DemoAccountEntry[] } | undefined)?.accounts;
    return accounts?.length ? { template, accounts } : null;
  } catch {
    return null;
  }
}

/** A data directory copied from the demo template: its accounts' passwords, new and random. */
export async function reissueDemoPasswords(db: Db, accounts: DemoAccountEntry[]): Promise<DemoAccount[]> {
  const issued = await Promise.all(
    accounts.map(async (account) => {
      const password = `Demo-${oneTimePassword()}`;
      return { account: { ...account, password }, hash: await hashPassword(password) };
    }),
  );
  await db.transaction(async (tx) => {
    for (const { account, hash } of issued) {
      const updated = await tx
        .update(users)
        .set({ passwordHash: hash })
        .where(eq(users.username, account.username))
        .returning({ id: users.id });
      if (updated.length !== 1) throw new Error(`demo account ${account.username} missing from the template`);
    }
  });
  return issued.map((i) => i.account);
}
