import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { pageId, pageSource, pageTotal, pageTotalColumns, tablePage } from "../../lib/list-statement.ts";
import type { PageQuery } from "../../lib/pagination.ts";
import { scopeFilter } from "../../lib/policy.ts";
import { pathIds } from "../figures/index.ts";
import { people } from "../people/schema.ts";
import { practices } from "../practices/schema.ts";
import { campaignFields } from "../recognition/schema.ts";
import { unitKinds, units } from "../units/schema.ts";
import { bookletPolicy } from "./policy.ts";
import { bookletItems, booklets } from "./schema.ts";

const columns = {
  booklet: booklets,
  unitName: units.name,
  unitPath: units.path,
  modelCount: sql<number>`(select count(*)::int from ${bookletItems} i where i.booklet_id = ${booklets.id})`,
};
export type BookletListRow = Awaited<ReturnType<typeof selectBooklets>>[number];

const selectBooklets = (db: Executor, where: ReturnType<typeof and>) =>
  db.select(columns).from(booklets).innerJoin(units, eq(units.id, booklets.unitId)).where(where);

/** The booklets the actor sees: its subtree's, and those its ancestors published down to it. */
const visible = (actor: Actor) => scopeFilter(actor, bookletPolicy.visibility, units.path);

/** A booklet the actor may read, or null (absent and out of sight look the same). */
export async function findBooklet(db: Executor, actor: Actor, id: string) {
  const [row] = await selectBooklets(db, and(eq(booklets.id, id), visible(actor))).limit(1);
  return row ?? null;
}

/** A booklet as it is now, whoever asks: for a job the caller was already authorised to start. */
export async function currentBooklet(db: Executor, id: string) {
  const [row] = await selectBooklets(db, eq(booklets.id, id)).limit(1);
  return row ?? null;
}

/**
 * The actor's booklets, most recently changed first: the page's ids from the booklets alone — for
 * a root actor the table in list order (an index walk that stops at the page), else those of the
 * subtree's units and of its ancestors (an index probe per unit), counted in the same pass — then
 * the page's details.
 */
export async function listBooklets(db: Executor, actor: Actor, query: PageQuery) {
  const root = pathIds(actor.unitPath).length === 1;
  // Published down: the units of the subtree, and the ancestors (whose paths the actor's begins
  // with). A semi-join: the planner weighs a probe per unit against hashing the units over the
  // booklets (a small table), with the subtree's size known from the units' statistics.
  const scope = root
    ? undefined
    : sql`${booklets.unitId} in (select u.id from ${units} u where u.path like ${`${actor.unitPath}%`} or u.id in (${sql.join(
        pathIds(actor.unitPath).map((id) => sql`${id}`),
        sql`, `,
      )}))`;
  const order = [desc(booklets.updatedAt), desc(booklets.id)];
  const { page, matches } = tablePage(db, booklets, scope, order, query, root ? "capped" : "window");
  const rows = await db
    .select({ ...columns, ...pageTotalColumns })
    .from(pageSource(page))
    .innerJoin(booklets, eq(booklets.id, pageId))
    .innerJoin(units, eq(units.id, booklets.unitId))
    .orderBy(...order);
  return { rows, ...(await pageTotal(db, query, rows, matches)) };
}

const owner = alias(units, "owner");
const recogniser = alias(units, "recogniser");
const recogniserKind = alias(unitKinds, "recogniser_kind");

/** The models of a booklet in its order, with what the booklet prints of each. */
export function bookletModels(db: Executor, bookletId: string) {
  return db
    .select({
      position: bookletItems.position,
      practice: practices,
      unitName: owner.name,
      fieldCode: campaignFields.code,
      fieldName: campaignFields.name,
      fieldNameEn: campaignFields.nameEn,
      personName: people.fullName,
      recognisedName: recogniser.name,
      recognisedKindName: recogniserKind.name,
    })
    .from(bookletItems)
    .innerJoin(practices, eq(practices.id, bookletItems.practiceId))
    .innerJoin(owner, eq(owner.id, practices.unitId))
    .innerJoin(campaignFields, eq(campaignFields.id, practices.fieldId))
    .leftJoin(people, eq(people.id, practices.personId))
    .leftJoin(recogniser, eq(recogniser.id, practices.recognisedUnitId))
    .leftJoin(recogniserKind, eq(recogniserKind.id, recogniser.kindId))
    .where(eq(bookletItems.bookletId, bookletId))
    .orderBy(asc(bookletItems.position));
}
export type BookletModelRow = Awaited<ReturnType<typeof bookletModels>>[number];

/**
 * Which of these models may go into a booklet: recognised ones. Recognised models are shared with
 * the whole tree, so these are exactly the recognised models the caller can read; a draft (or any
 * model out of the caller's sight) is refused the same way as one that does not exist.
 */
export async function recognisedAmong(db: Executor, ids: string[]) {
  if (!ids.length) return new Set<string>();
  const rows = await db
    .select({ id: practices.id })
    .from(practices)
    .where(and(inArray(practices.id, ids), eq(practices.status, "recognised")));
  return new Set(rows.map((r) => r.id));
}

export const practiceIdsOf = async (db: Executor, bookletId: string) =>
  (
    await db
      .select({ id: bookletItems.practiceId })
      .from(bookletItems)
      .where(eq(bookletItems.bookletId, bookletId))
      .orderBy(asc(bookletItems.position))
  ).map((r) => r.id);
