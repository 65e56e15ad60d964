import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../test/harness.ts";
import { citusPlan, knownBlockers, type Placement, reviewed } from "./db/citus-plan.ts";
import type { Executor } from "./db/client.ts";

// Citus on paper (issue 19): the migrated database and the server's code, checked against the
// distribution plan of db/citus-plan.ts. Every blocker found must be listed there with why and what
// distribution would need, and every listed one must still be found.

const serverSrc = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(serverSrc, "../..");

type Row = Record<string, unknown>;
async function rows<T extends Row>(db: Executor, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** A finding: its id (as listed in citus-plan.ts), and whether only a blocker list may hold it. */
interface Finding {
  id: string;
  /** Breaks a schema rule of the plan: must be a known blocker, cannot be "reviewed". */
  rule: boolean;
}

/** Everything in the catalogue that the plan must account for, or that breaks it. */
async function schemaFindings(db: Executor, plan: Record<string, Placement>) {
  const tables = (
    await rows<{ name: string }>(
      db,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    )
  ).map((r) => r.name);
  const columns = await rows<{ table: string; column: string; notNull: boolean }>(
    db,
    sql`select c.relname as "table", a.attname as "column", a.attnotnull as "notNull"
          from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`,
  );
  // Unique indexes (primary keys and unique constraints included) with their key columns, not the
  // INCLUDE ones; an expression counts as no column.
  const uniques = await rows<{ table: string; index: string; keys: string | null }>(
    db,
    sql`select t.relname as "table", i.relname as "index",
               (select string_agg(coalesce(a.attname, '(expression)'), ',' order by k.ord)
                  from unnest(x.indkey::int2[]) with ordinality k(attnum, ord)
                  left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
                 where k.ord <= x.indnkeyatts) as keys
          from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
          join pg_namespace n on n.oid = t.relnamespace
         where n.nspname = 'public' and x.indisunique`,
  );
  const foreignKeys = await rows<{
    table: string;
    name: string;
    target: string;
    cols: string;
    targetCols: string;
  }>(
    db,
    sql`select t.relname as "table", k.conname as name, f.relname as target,
               (select string_agg(a.attname, ',' order by c.ord) from unnest(k.conkey) with ordinality c(attnum, ord)
                  join pg_attribute a on a.attrelid = k.conrelid and a.attnum = c.attnum) as cols,
               (select string_agg(a.attname, ',' order by c.ord) from unnest(k.confkey) with ordinality c(attnum, ord)
                  join pg_attribute a on a.attrelid = k.confrelid and a.attnum = c.attnum) as "targetCols"
          from pg_constraint k join pg_class t on t.oid = k.conrelid join pg_class f on f.oid = k.confrelid
          join pg_namespace n on n.oid = t.relnamespace
         where n.nspname = 'public' and k.contype = 'f'`,
  );
  const triggers = await rows<{ table: string; name: string }>(
    db,
    sql`select t.relname as "table", g.tgname as name from pg_trigger g join pg_class t on t.oid = g.tgrelid
          join pg_namespace n on n.oid = t.relnamespace where n.nspname = 'public' and not g.tgisinternal`,
  );

  const unplanned = tables.filter((t) => !plan[t]);
  const gone = Object.keys(plan).filter((t) => !tables.includes(t));
  const found: Finding[] = [];
  const distributed = (table: string) => {
    const p = plan[table];
    return p?.kind === "distributed" ? p : null;
  };
  for (const table of tables) {
    const p = distributed(table);
    if (!p) continue;
    const column = columns.find((c) => c.table === table && c.column === p.by);
    if (!column) found.push({ id: `column ${table}.${p.by} missing`, rule: true });
    else if (!column.notNull) found.push({ id: `column ${table}.${p.by} nullable`, rule: true });
  }
  for (const u of uniques) {
    const p = distributed(u.table);
    if (p && !(u.keys ?? "").split(",").includes(p.by))
      found.push({ id: `unique ${u.table}.${u.index}`, rule: true });
  }
  for (const fk of foreignKeys) {
    const from = plan[fk.table];
    const to = plan[fk.target];
    if (!from || !to || to.kind === "reference") continue; // anything → reference is fine
    if (from.kind === "reference") {
      found.push({ id: `fk ${fk.table}.${fk.name}`, rule: true }); // reference → distributed
      continue;
    }
    // Distributed → distributed: the referencing distribution column must point at the referenced one.
    const cols = fk.cols.split(",");
    const targetCols = fk.targetCols.split(",");
    const at = cols.indexOf(from.by);
    if (at < 0 || targetCols[at] !== to.by) found.push({ id: `fk ${fk.table}.${fk.name}`, rule: true });
  }
  for (const tg of triggers) {
    // On a distributed table it breaks the rule; on a reference table it needs a look.
    found.push({ id: `trigger ${tg.table}.${tg.name}`, rule: distributed(tg.table) !== null });
  }
  return { unplanned, gone, found };
}

/** Strips comments, so that prose about a lock is not a lock (a `//` inside a URL is kept). */
function code(text: string) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

const shapes: [string, RegExp][] = [
  ["with recursive", /\bwith\s+recursive\b/gi],
  ["for update", /\bfor\s+update\b|\.for\(\s*["']update["']/gi],
  ["for no key update", /\bfor\s+no\s+key\s+update\b|\.for\(\s*["']no key update["']/gi],
  ["for share", /\bfor\s+share\b|\.for\(\s*["']share["']/gi],
  ["for key share", /\bfor\s+key\s+share\b|\.for\(\s*["']key share["']/gi],
];

/** The query shapes Citus refuses or runs only within one shard, per file of the server's code. */
function codeFindings(root: string, skip: string[]): Finding[] {
  const found: Finding[] = [];
  const files = (fs.readdirSync(root, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !skip.includes(f))
    .sort();
  for (const file of files) {
    const text = code(fs.readFileSync(path.join(root, file), "utf8"));
    for (const [shape, pattern] of shapes) {
      const n = text.match(pattern)?.length ?? 0;
      if (n) found.push({ id: `query ${file}: ${shape} ×${n}`, rule: false });
    }
  }
  return found;
}

/**
 * The plan as the doc's table shows it: a row per family (or "reference"), its tables as
 * `table.column` (the distribution column; reference tables without one).
 */
function docPlan(markdown: string) {
  const section = markdown.split(/^## /m).find((s) => s.startsWith("Distribution plan (Citus)"));
  if (!section) return null;
  const shown: Record<string, string> = {};
  for (const line of section.split("\n")) {
    const [, family, tables] = line.split("|").map((c) => c.trim());
    if (!family || !tables || !/^\w+$/.test(family)) continue;
    for (const [, table, column] of tables.matchAll(/`(\w+)(?:\.(\w+))?`/g))
      shown[table as string] = family === "reference" && !column ? "reference" : `${family} by ${column}`;
  }
  return shown;
}

function listed() {
  const all = [...knownBlockers, ...reviewed];
  return { all, ids: all.map((b) => b.id) };
}

describe("Citus readiness (db/citus-plan.ts)", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it("places every table of the migrated database, and no table that is gone", async () => {
    const { unplanned, gone } = await schemaFindings(t.database.db, citusPlan);
    expect({ unplanned, gone }).toEqual({ unplanned: [], gone: [] });
  });

  it("finds exactly the listed blockers in the schema and the code", async () => {
    const { found: schema } = await schemaFindings(t.database.db, citusPlan);
    const found = [...schema, ...codeFindings(serverSrc, ["db/citus-plan.ts"])];
    const { ids } = listed();
    const foundIds = found.map((f) => f.id);
    // New: shape them to fit the plan, or list them with why and what distribution needs.
    // Gone: take them off the list.
    expect({
      new: foundIds.filter((id) => !ids.includes(id)).sort(),
      gone: ids.filter((id) => !foundIds.includes(id)).sort(),
    }).toEqual({ new: [], gone: [] });
    // A broken schema rule is a blocker, never merely "reviewed".
    const reviewedIds = reviewed.map((r) => r.id);
    expect(found.filter((f) => f.rule && reviewedIds.includes(f.id)).map((f) => f.id)).toEqual([]);
  });

  it("lists each finding once, with why it is there and what distribution would need", () => {
    const { all, ids } = listed();
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(all.filter((b) => !b.why.trim() || !b.need.trim()).map((b) => b.id)).toEqual([]);
  });

  it("sees a unique index and a foreign key that break the plan when they appear", async () => {
    // The checks can fail: a unique index without the distribution column and a foreign key across
    // families, made in a transaction that is rolled back.
    let found: Finding[] = [];
    const rollback = new Error("rollback");
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`create unique index citus_scratch_key on commitments (unit_id, year, study)`);
        await tx.execute(
          sql`alter table adoptions add column scratch_person uuid constraint citus_scratch_fk references people (id)`,
        );
        found = (await schemaFindings(tx, citusPlan)).found;
        throw rollback;
      })
      .catch((e: unknown) => {
        if (e !== rollback) throw e;
      });
    const ids = found.map((f) => f.id);
    expect(ids).toContain("unique commitments.citus_scratch_key");
    expect(ids).toContain("fk adoptions.citus_scratch_fk");
  });

  it("sees row locks and recursive CTEs in code, not in comments", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-citus-"));
    try {
      fs.writeFileSync(
        path.join(dir, "a.ts"),
        [
          "// select … for update, in a comment",
          "/* with recursive up as (…) */",
          'const url = "http://example.org"; await tx.select().from(t).for("update");',
          "sql`with recursive up as (select 1) select * from up for share`;",
        ].join("\n"),
      );
      fs.writeFileSync(path.join(dir, "a.test.ts"), "sql`select 1 for update`;");
      expect(codeFindings(dir, []).map((f) => f.id)).toEqual([
        "query a.ts: with recursive ×1",
        "query a.ts: for update ×1",
        "query a.ts: for share ×1",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("agrees with the plan shown in docs/ARCHITECTURE.md", () => {
    const shown = docPlan(fs.readFileSync(path.join(repoRoot, "docs/ARCHITECTURE.md"), "utf8"));
    const planned = Object.fromEntries(
      Object.entries(citusPlan).map(([table, p]) => [
        table,
        p.kind === "reference" ? "reference" : `${p.family} by ${p.by}`,
      ]),
    );
    expect(shown).toEqual(planned);
  });
});
