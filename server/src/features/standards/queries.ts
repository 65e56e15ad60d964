import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { inIdOrder, type PageQuery, pageOf } from "../../lib/pagination.ts";
import { scopeFilter } from "../../lib/policy.ts";
import { figuresAt, pathIds } from "../figures/index.ts";
import { people } from "../people/schema.ts";
import { readByDepth } from "../units/index.ts";
import { units } from "../units/schema.ts";
import { users } from "../users/schema.ts";
import { standardPolicy } from "./policy.ts";
import { standardConfirmations, standards, standardVersions } from "./schema.ts";

const columns = (actor: Actor) => ({
  standard: standards,
  current: standardVersions,
  unitName: units.name,
  unitPath: units.path,
  parentId: units.parentId,
  confirmedAt: sql<Date | string | null>`(select c.confirmed_at from ${standardConfirmations} c
    where c.version_id = ${standardVersions.id} and c.user_id = ${actor.userId})`,
});
const selectStandards = (db: Executor, actor: Actor, where: SQL | undefined) =>
  db
    .select(columns(actor))
    .from(standards)
    .innerJoin(units, eq(units.id, standards.unitId))
    .innerJoin(
      standardVersions,
      and(
        eq(standardVersions.standardId, standards.id),
        eq(standardVersions.number, standards.currentNumber),
      ),
    )
    .where(where);

const visible = (actor: Actor) => scopeFilter(actor, standardPolicy.visibility, units.path);

/** A unit's standards the actor may read, with the version in force, or null. */
export async function findStandard(db: Executor, actor: Actor, id: string) {
  const [row] = await selectStandards(db, actor, and(eq(standards.id, id), visible(actor))).limit(1);
  return row ?? null;
}
export type StandardListRow = NonNullable<Awaited<ReturnType<typeof findStandard>>>;

/**
 * The country's lists, the deepest units' first, by name:
 * read from the lists (a unit writes one at most: thousands, not the subtree's units), each one's
 * unit an index probe, then the first `limit`. Walking the subtree's depths instead reads every
 * unit of a depth that wrote none (the country's 265,000 cells: 2 s a page under load). A
 * province's walk stays cheaper: its depths hold thousands of units, the country's lists 10,000.
 */
async function deepestFirst(db: Executor, path: string, top: number, limit: number) {
  const { rows } = (await db.execute(sql`
    select s.id from ${standards} s
    cross join lateral (
      select u.depth, u.sort_key from ${units} u
      where u.id = s.unit_id and u.path like ${`${path}%`} and u.depth > ${top} offset 0
    ) u
    order by u.depth desc, u.sort_key, s.id
    limit ${limit}`)) as unknown as { rows: { id: string }[] };
  return rows.map((r) => r.id);
}

/**
 * The lists the actor sees, the deepest units first, then by name; `chain`: those of its unit and
 * the units above it, the nearest first. The subtree below the actor's unit is read a depth at a
 * time from the deepest (readByDepth; the country's from its lists: deepestFirst), then the units
 * on its path; then the page's details, by id.
 */
export async function listStandards(
  db: Executor,
  actor: Actor,
  query: PageQuery & { chain?: boolean | undefined },
) {
  // The actor's unit and those above it: what it sees besides its subtree (published down to it).
  const onPath = inArray(standards.unitId, pathIds(actor.unitPath));
  const ids = (where: SQL, order: SQL[], limit: number) =>
    db
      .select({ id: standards.id })
      .from(standards)
      .innerJoin(units, eq(units.id, standards.unitId))
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .then((rows) => rows.map((r) => r.id));
  const byName = [asc(units.sortKey), asc(standards.id)];
  const rows = async (limit: number, offset: number) => {
    const wanted = offset + limit;
    const top = pathIds(actor.unitPath).length - 1;
    const found = query.chain
      ? []
      : top === 0
        ? await deepestFirst(db, actor.unitPath, top, wanted)
        : await readByDepth(db, { path: actor.unitPath, direction: "desc", wanted }, (where, byDepth, n) =>
            ids(where, [...byDepth, ...byName], n),
          );
    if (found.length < wanted)
      found.push(...(await ids(onPath, [desc(units.depth), ...byName], wanted - found.length)));
    const page = found.slice(offset, wanted);
    if (!page.length) return [];
    return inIdOrder(
      page,
      await selectStandards(db, actor, inArray(standards.id, page)),
      (r) => r.standard.id,
    );
  };
  const matches = () => {
    if (query.chain) return db.select({ one: sql`1` }).from(standards).where(onPath);
    if (pathIds(actor.unitPath).length === 1) return db.select({ one: sql`1` }).from(standards);
    const below = db
      .select({ one: sql`1` })
      .from(standards)
      .innerJoin(units, eq(units.id, standards.unitId))
      .where(
        and(
          sql`${units.path} like ${`${actor.unitPath}%`}`,
          sql`${units.depth} > ${pathIds(actor.unitPath).length - 1}`,
        ),
      );
    return unionAll(db.select({ one: sql`1` }).from(standards).where(onPath), below);
  };
  return pageOf(db, query, rows, matches);
}

/** Every version of a list, the latest first, with who wrote it. */
export function versionHistory(db: Executor, standardId: string) {
  return db
    .select({ version: standardVersions, createdByName: users.displayName })
    .from(standardVersions)
    .leftJoin(users, eq(users.id, standardVersions.createdBy))
    .where(eq(standardVersions.standardId, standardId))
    .orderBy(desc(standardVersions.number));
}

/** Above this many active people, the confirmations page does not list who has not confirmed. */
export const NOT_CONFIRMED_LIMIT = 300;

/**
 * Who confirmed a version (paged, latest first), how many members of the unit's subtree did, of
 * its active members (the figures, today) — and, for a cell-sized subtree, who has not yet.
 */
export async function confirmations(
  db: Executor,
  input: { versionId: string; unitId: string; unitPath: string; today: string },
  query: PageQuery,
) {
  const where = eq(standardConfirmations.versionId, input.versionId);
  const page = await pageOf(
    db,
    query,
    (limit, offset) =>
      db
        .select({
          userName: users.displayName,
          personName: people.fullName,
          unitId: units.id,
          unitName: units.name,
          confirmedAt: standardConfirmations.confirmedAt,
        })
        .from(standardConfirmations)
        .innerJoin(users, eq(users.id, standardConfirmations.userId))
        .innerJoin(units, eq(units.id, standardConfirmations.unitId))
        .leftJoin(people, eq(people.id, standardConfirmations.personId))
        .where(where)
        .orderBy(desc(standardConfirmations.confirmedAt), asc(standardConfirmations.userId))
        .limit(limit)
        .offset(offset),
    () => db.select({ one: sql`1` }).from(standardConfirmations).where(where),
  );
  const [confirmed] = await db
    .select({ n: sql<number>`count(distinct ${standardConfirmations.personId})::int` })
    .from(standardConfirmations)
    .innerJoin(units, eq(units.id, standardConfirmations.unitId))
    .where(and(where, sql`${units.path} like ${`${input.unitPath}%`}`));
  const members =
    ((await figuresAt(db, { id: input.unitId }, [input.today])) ?? [])[0]?.get("people.active") ?? 0;
  const notConfirmed =
    members <= NOT_CONFIRMED_LIMIT
      ? await db
          .select({ id: people.id, fullName: people.fullName, unitName: units.name })
          .from(people)
          .innerJoin(units, eq(units.id, people.unitId))
          .where(
            and(
              sql`${units.path} like ${`${input.unitPath}%`}`,
              eq(people.status, "active"),
              sql`not exists (select 1 from ${standardConfirmations} c
                where c.version_id = ${input.versionId} and c.person_id = ${people.id})`,
            ),
          )
          .orderBy(asc(people.sortKey), asc(people.id))
          .limit(NOT_CONFIRMED_LIMIT)
      : null;
  return { ...page, confirmedMembers: Number(confirmed?.n ?? 0), members, notConfirmed };
}
