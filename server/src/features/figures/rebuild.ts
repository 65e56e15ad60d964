import { eq, inArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import type { FigureSource } from "../../lib/figures.ts";
import { bucketSql, FOLD_GRAINS, FOLD_LAYOUT, netDeltas } from "./figures.ts";
import { figureSourceVersions, subtreeFigures, unitFigures } from "./schema.ts";

export type { FigureSource };

const sources: FigureSource[] = [];
const afterRebuilt: ((tx: Executor) => Promise<void>)[] = [];
/** The modules' figure sources, in the composition root's order (installed at start). */
export const figureSources = (): readonly FigureSource[] => installedSources();
/** The sources, refusing to go on with none: a rebuild without them would empty every figure. */
function installedSources() {
  if (!sources.length)
    throw new Error("figures: no module installed (call installModules() from server/src/modules.ts first)");
  return sources;
}
export function registerFigureSource(source: FigureSource) {
  if (sources.some((s) => s.name === source.name))
    throw new Error(`figure source ${source.name} registered twice`);
  sources.push(source);
}
/** What a module rebuilds from its records after a rebuild of every figure (its own counters). */
export function registerAfterFiguresRebuilt(rebuild: (tx: Executor) => Promise<void>) {
  afterRebuilt.push(rebuild);
}

const ofSources = (column: SQLWrapper, list: readonly FigureSource[]) =>
  sql.join(
    list.map((s) => sql`${column} like ${`${s.metricPrefix}%`}`),
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
  options: { sources?: readonly FigureSource[]; log?: (message: string) => void } = {},
) {
  const chosen = options.sources ?? installedSources();
  const log = options.log ?? (() => {});
  if (!chosen.length) return;
  const all = sources.every((s) => chosen.includes(s));
  if (all) await tx.execute(sql`truncate ${unitFigures}, ${subtreeFigures}`);
  else {
    await tx.execute(sql`delete from ${unitFigures} where ${ofSources(unitFigures.metric, chosen)}`);
    await tx.execute(sql`delete from ${subtreeFigures} where ${ofSources(subtreeFigures.metric, chosen)}`);
  }
  await tx.execute(sql`set local work_mem = '256MB'`);
  // Contributions land unsorted in a scratch table and are summed into the own figures at once.
  await tx.execute(
    sql`create temporary table figure_scratch (unit_id uuid, day date, metric text, value bigint)`,
  );
  for (const source of chosen) {
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
    // Counters derived from records the same way (the report requests' completeness).
    for (const rebuild of afterRebuilt) await rebuild(tx);
    if (afterRebuilt.length) log("figures: the modules' counters rebuilt");
  }
  await tx
    .insert(figureSourceVersions)
    .values(chosen.map((s) => ({ source: s.name, version: s.version })))
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
  installedSources();
  const stored = new Map(
    (
      await db
        .select()
        .from(figureSourceVersions)
        .where(
          inArray(
            figureSourceVersions.source,
            sources.map((s) => s.name),
          ),
        )
    ).map((r) => [r.source, r.version]),
  );
  return sources.filter((s) => stored.get(s.name) !== s.version);
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
