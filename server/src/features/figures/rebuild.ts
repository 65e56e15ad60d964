import { eq, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { personFigureBatches } from "../people/figures.ts";
import { unitFigureBatches } from "../units/figures.ts";
import { type FigureDelta, FOLD_GRAINS, netDeltas } from "./figures.ts";
import { figureState, subtreeFigures, unitFigures } from "./schema.ts";

/**
 * The version of the contribution rules. Raise it when a module changes what its records
 * contribute (or starts contributing for records that already exist): the next start rebuilds
 * every figure from the records.
 */
export const FIGURE_RULES_VERSION = 2;

/** Every module whose records contribute to the figures, and how to read them all. */
const sources: ((db: Executor) => AsyncGenerator<FigureDelta[]>)[] = [unitFigureBatches, personFigureBatches];

const bucket = (grain: string, day: ReturnType<typeof sql>) =>
  grain === "y"
    ? sql`date_trunc('year', ${day}::timestamp)::date`
    : grain === "m"
      ? sql`date_trunc('month', ${day}::timestamp)::date`
      : day;

/**
 * Recomputes every figure from the records, in the caller's transaction: the own figures from each
 * source's contributions, then the folded rows of each upper level set-based, aggregating the own
 * figures at that level's finest grain before spreading them over its coarser ones.
 */
export async function rebuildAllFigures(tx: Executor, log: (message: string) => void = () => {}) {
  await tx.execute(sql`truncate ${unitFigures}, ${subtreeFigures}`);
  await tx.execute(sql`set local work_mem = '256MB'`);
  // Contributions land unsorted in a scratch table and are summed into the own figures at once.
  await tx.execute(
    sql`create temporary table figure_scratch (unit_id uuid, day date, metric text, value bigint) on commit drop`,
  );
  for (const source of sources) {
    let count = 0;
    for await (const batch of source(tx)) {
      const net = netDeltas(batch);
      for (let i = 0; i < net.length; i += 50_000) {
        const chunk = net.slice(i, i + 50_000);
        await tx.execute(sql`
          insert into figure_scratch
          select * from unnest(${sql.param(chunk.map((d) => d.unitId))}::uuid[], ${sql.param(chunk.map((d) => d.on))}::date[],
                               ${sql.param(chunk.map((d) => d.metric))}::text[], ${sql.param(chunk.map((d) => d.delta))}::bigint[])`);
      }
      count += batch.length;
    }
    log(`figures: ${count} contributions from ${source.name}`);
  }
  await tx.execute(sql`
    insert into ${unitFigures} (unit_id, day, metric, shard, value)
    select unit_id, day, metric, 0, sum(value) from figure_scratch group by 1, 2, 3 having sum(value) <> 0
    order by 1, 2, 3`); // stored in key order: a unit's rows sit together on disk
  await tx.execute(sql`drop table figure_scratch`);
  log("figures: own figures summed");
  for (const [depth, grains] of FOLD_GRAINS.entries()) {
    const finest = grains.at(-1);
    if (!finest) continue;
    await tx.execute(sql`
      insert into ${subtreeFigures} (unit_id, grain, period_start, metric, shard, value)
      select s.ancestor, g.grain,
             case g.grain when 'y' then date_trunc('year', s.day::timestamp)::date
                          when 'm' then date_trunc('month', s.day::timestamp)::date else s.day end,
             s.metric, 0, sum(s.value)
      from (
        select split_part(u.path, '/', ${depth + 2})::uuid as ancestor, ${bucket(finest, sql`o.day`)} as day, o.metric, sum(o.value) as value
        from ${unitFigures} o join units u on u.id = o.unit_id
        where u.depth >= ${depth}
        group by 1, 2, 3
      ) s cross join unnest(${sql.param([...grains])}::text[]) as g(grain)
      group by 1, 2, 3, 4
      having sum(s.value) <> 0
      order by 1, 2, 3, 4`);
    log(`figures: folded at depth ${depth} (${grains.join(", ")})`);
  }
}

/** At start: rebuilds the figures when they follow older contribution rules (one instance at a time). */
export async function ensureFiguresCurrent(db: Db, log: (message: string) => void = () => {}) {
  const current = async (ex: Executor) =>
    (await ex.select().from(figureState).where(eq(figureState.id, 1)))[0]?.rulesVersion ===
    FIGURE_RULES_VERSION;
  if (await current(db)) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7243002)`);
    if (await current(tx)) return;
    log("figures: rebuilding from the records (contribution rules changed)");
    await rebuildAllFigures(tx, log);
    await tx
      .insert(figureState)
      .values({ id: 1, rulesVersion: FIGURE_RULES_VERSION })
      .onConflictDoUpdate({ target: figureState.id, set: { rulesVersion: FIGURE_RULES_VERSION } });
  });
}
