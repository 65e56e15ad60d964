import { eq, inArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { commendationFigureBatches } from "../commendations/figures.ts";
import { commitmentFigureBatches } from "../commitments/figures.ts";
import { exemplarFigureBatches } from "../exemplars/figures.ts";
import { personFigureBatches } from "../people/figures.ts";
import { planFigureBatches } from "../plans/figures.ts";
import { practiceFigureBatches } from "../practices/figures.ts";
import { rebuildReportCounts } from "../reports/counts.ts";
import { topicFigureBatches } from "../topics/figures.ts";
import { unitFigureBatches } from "../units/figures.ts";
import { bucketSql, type FigureDelta, FOLD_GRAINS, FOLD_LAYOUT, netDeltas } from "./figures.ts";
import { figureSourceVersions, subtreeFigures, unitFigures } from "./schema.ts";

/**
 * A module whose records contribute to the figures: the prefix of every metric it writes, the
 * version of its contribution rules, and how to read all its records' contributions. Raise the
 * version when the module changes what its records contribute (or starts contributing for records
 * that already exist): the next start rebuilds that module's figures, and only those.
 */
export interface FigureSource {
  name: string;
  metricPrefix: string;
  version: number;
  batches: (db: Executor) => AsyncGenerator<FigureDelta[]>;
}

export const figureSources: FigureSource[] = [
  { name: "units", metricPrefix: "units.", version: 1, batches: unitFigureBatches },
  { name: "people", metricPrefix: "people.", version: 2, batches: personFigureBatches },
  { name: "practices", metricPrefix: "practices.", version: 1, batches: practiceFigureBatches },
  { name: "exemplars", metricPrefix: "exemplars.", version: 1, batches: exemplarFigureBatches },
  { name: "plans", metricPrefix: "plans.", version: 1, batches: planFigureBatches },
  { name: "topics", metricPrefix: "topics.", version: 1, batches: topicFigureBatches },
  { name: "commitments", metricPrefix: "commitments.", version: 1, batches: commitmentFigureBatches },
  { name: "commendations", metricPrefix: "commendations.", version: 1, batches: commendationFigureBatches },
];

const ofSources = (column: SQLWrapper, sources: FigureSource[]) =>
  sql.join(
    sources.map((s) => sql`${column} like ${`${s.metricPrefix}%`}`),
    sql` or `,
  );

/**
 * Recomputes the figures of some sources (default: all) from their records, in the caller's
 * transaction: the own figures from each source's contributions, then the folded rows of each
 * upper level set-based, aggregating the own figures at that level's finest grain before spreading
 * them over its coarser ones. Rows are stored in key order, so a unit's rows sit together on disk.
 */
export async function rebuildFigures(
  tx: Executor,
  options: { sources?: FigureSource[]; log?: (message: string) => void } = {},
) {
  const sources = options.sources ?? figureSources;
  const log = options.log ?? (() => {});
  if (!sources.length) return;
  const all = sources.length === figureSources.length;
  if (all) await tx.execute(sql`truncate ${unitFigures}, ${subtreeFigures}`);
  else {
    await tx.execute(sql`delete from ${unitFigures} where ${ofSources(unitFigures.metric, sources)}`);
    await tx.execute(sql`delete from ${subtreeFigures} where ${ofSources(subtreeFigures.metric, sources)}`);
  }
  await tx.execute(sql`set local work_mem = '256MB'`);
  // Contributions land unsorted in a scratch table and are summed into the own figures at once.
  await tx.execute(
    sql`create temporary table figure_scratch (unit_id uuid, day date, metric text, value bigint)`,
  );
  for (const source of sources) {
    let count = 0;
    for await (const batch of source.batches(tx)) {
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
    create temporary table figure_own as
    select unit_id, day, metric, sum(value)::bigint as value from figure_scratch group by 1, 2, 3 having sum(value) <> 0`);
  await tx.execute(sql`drop table figure_scratch`);
  await tx.execute(sql`
    insert into ${unitFigures} (unit_id, day, metric, shard, value)
    select unit_id, day, metric, 0, value from figure_own order by 1, 2, 3`);
  log("figures: own figures summed");
  // Folded from the rebuilt sources' own rows only (not every source's rows in unit_figures).
  await foldOwnRows(tx, sql`figure_own`, log);
  await tx.execute(sql`drop table figure_own`);
  if (all) {
    await markFoldLayout(tx);
    // The report requests' completeness counters are derived from their reports the same way.
    await rebuildReportCounts(tx);
    log("figures: report completeness counters rebuilt");
  }
  await tx
    .insert(figureSourceVersions)
    .values(sources.map((s) => ({ source: s.name, version: s.version })))
    .onConflictDoUpdate({ target: figureSourceVersions.source, set: { version: sql`excluded.version` } });
}

/**
 * The folded rows of every upper level (FOLD_GRAINS) from own rows (`unit_id, day, metric, value`
 * in `ownRows`), set-based: each level's own rows are first summed at its finest grain, then spread
 * over its coarser ones (the carried bucket only from the days before CARRIED_BEFORE).
 */
async function foldOwnRows(tx: Executor, ownRows: SQL, log: (message: string) => void) {
  for (const [depth, grains] of FOLD_GRAINS.entries()) {
    const finest = grains.at(-1);
    if (!finest) continue;
    const day =
      finest === "d"
        ? sql`o.day`
        : sql`date_trunc(${finest === "y" ? "year" : "month"}, o.day::timestamp)::date`;
    await tx.execute(sql`
      insert into ${subtreeFigures} (unit_id, grain, period_start, metric, shard, value)
      select s.ancestor, g.grain, ${bucketSql(sql`g.grain`, sql`s.day`)}, s.metric, 0, sum(s.value)
      from (
        select split_part(u.path, '/', ${depth + 2})::uuid as ancestor, ${day} as day, o.metric, sum(o.value) as value
        from ${ownRows} o join units u on u.id = o.unit_id
        where u.depth >= ${depth}
        group by 1, 2, 3
      ) s cross join unnest(${sql.param([...grains])}::text[]) as g(grain)
      where ${bucketSql(sql`g.grain`, sql`s.day`)} is not null
      group by 1, 2, 3, 4
      having sum(s.value) <> 0
      order by 1, 2, 3, 4`);
    log(`figures: folded at depth ${depth} (${grains.join(", ")})`);
  }
}

/** The layout of the stored folded rows (FOLD_LAYOUT when they follow the code's). */
const FOLD_LAYOUT_KEY = "folded-layout";

/**
 * Rebuilds every folded row from the own figures (after a change of FOLD_LAYOUT: the own figures
 * stay as they are), in the caller's transaction.
 */
export async function rebuildFoldedLayout(tx: Executor, log: (message: string) => void = () => {}) {
  await tx.execute(sql`truncate ${subtreeFigures}`);
  await tx.execute(sql`set local work_mem = '256MB'`);
  await foldOwnRows(tx, sql`${unitFigures}`, log);
  await markFoldLayout(tx);
}

const markFoldLayout = (tx: Executor) =>
  tx
    .insert(figureSourceVersions)
    .values({ source: FOLD_LAYOUT_KEY, version: FOLD_LAYOUT })
    .onConflictDoUpdate({ target: figureSourceVersions.source, set: { version: sql`excluded.version` } });

async function foldLayoutStale(db: Executor) {
  const [row] = await db
    .select({ version: figureSourceVersions.version })
    .from(figureSourceVersions)
    .where(eq(figureSourceVersions.source, FOLD_LAYOUT_KEY));
  return row?.version !== FOLD_LAYOUT;
}

/** The sources whose stored figures follow older rules than the code's. */
async function staleSources(db: Executor) {
  const stored = new Map(
    (
      await db
        .select()
        .from(figureSourceVersions)
        .where(
          inArray(
            figureSourceVersions.source,
            figureSources.map((s) => s.name),
          ),
        )
    ).map((r) => [r.source, r.version]),
  );
  return figureSources.filter((s) => stored.get(s.name) !== s.version);
}

/**
 * At start (one instance at a time): rebuilds the folded rows when their layout changed, then the
 * figures of sources whose rules changed. A database without figures yet (empty) only records the layout.
 */
export async function ensureFiguresCurrent(db: Db, log: (message: string) => void = () => {}) {
  if (!(await staleSources(db)).length && !(await foldLayoutStale(db))) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7243002)`);
    if (await foldLayoutStale(tx)) {
      log("figures: rebuilding the folded rows from the own figures (their layout changed)");
      await rebuildFoldedLayout(tx, log);
    }
    const stale = await staleSources(tx);
    if (!stale.length) return;
    log(
      `figures: rebuilding ${stale.map((s) => s.name).join(", ")} from the records (contribution rules changed)`,
    );
    await rebuildFigures(tx, { sources: stale, log });
  });
}
