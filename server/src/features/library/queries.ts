import { and, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { inIdOrder, type PageQuery, pageOf } from "../../lib/pagination.ts";
import { scopeFilter } from "../../lib/policy.ts";
import { foldForSearch } from "../../lib/vietnamese.ts";
import { figuresAt, pathIds } from "../figures/index.ts";
import { storedFiles } from "../files/schema.ts";
import { searchQuery } from "../recognition/index.ts";
import { units } from "../units/schema.ts";
import { users } from "../users/schema.ts";
import { documentPolicy } from "./policy.ts";
import { type DocumentKind, libraryDocuments, libraryReads, libraryVersions } from "./schema.ts";

export const DOCUMENT_OWNER = "document";

const columns = (actor: Actor) => ({
  document: libraryDocuments,
  unitName: units.name,
  unitPath: units.path,
  readAt: sql<Date | string | null>`(select r.read_at from ${libraryReads} r
    where r.document_id = ${libraryDocuments.id} and r.user_id = ${actor.userId})`,
});
const selectDocuments = (db: Executor, actor: Actor) =>
  db
    .select(columns(actor))
    .from(libraryDocuments)
    .innerJoin(units, eq(units.id, libraryDocuments.unitId))
    .$dynamic();

/** What the actor sees: its subtree's documents and those its ancestors published down to it. */
const visible = (actor: Actor) => scopeFilter(actor, documentPolicy.visibility, units.path);

/** A document the actor may read, or null (absent and out of sight look the same). */
export async function findDocument(db: Executor, actor: Actor, id: string) {
  const [row] = await selectDocuments(db, actor)
    .where(and(eq(libraryDocuments.id, id), visible(actor)))
    .limit(1);
  return row ?? null;
}
export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

export interface DocumentFilters extends PageQuery {
  q?: string | undefined;
  kind?: DocumentKind | undefined;
  year?: number | undefined;
  unitId?: string | undefined;
  unread?: boolean | undefined;
}

/**
 * Documents by filters, paged: relevance-ranked when searching, else the latest issued first. What
 * the actor sees is written as two index-served sets — the documents of the units on its path, and
 * those of its subtree's units (a root actor: every document, no condition) — so the latest are
 * walked in `library_documents_issued_idx` order and the page stops the walk; then the page's
 * details, by id.
 */
export async function listDocuments(db: Executor, actor: Actor, query: DocumentFilters) {
  const tsq = searchQuery(query.q);
  const ownDepth = pathIds(actor.unitPath).length - 1;
  const onPath = inArray(libraryDocuments.unitId, pathIds(actor.unitPath));
  const filters: (SQL | undefined)[] = [
    tsq ? sql`${libraryDocuments.searchVector} @@ ${tsq}` : undefined,
    query.kind ? eq(libraryDocuments.kind, query.kind) : undefined,
    query.unitId ? eq(libraryDocuments.unitId, query.unitId) : undefined,
    query.year
      ? sql`${libraryDocuments.issuedOn} >= ${`${query.year}-01-01`}::date and ${libraryDocuments.issuedOn} < ${`${query.year + 1}-01-01`}::date`
      : undefined,
  ];
  if (query.unread)
    filters.push(
      eq(libraryDocuments.kind, "bulletin"),
      sql`not exists (select 1 from ${libraryReads} r where r.document_id = ${libraryDocuments.id} and r.user_id = ${actor.userId})`,
    );
  // The same documents as `visible(actor)`: the subtree's, and those of the units above.
  const sight =
    ownDepth === 0
      ? undefined
      : sql`(${onPath} or ${libraryDocuments.unitId} in (select u.id from ${units} u where u.path like ${`${actor.unitPath}%`}))`;
  // A search for a number ("05-CT", "05-CT/TW") puts the document of that number first, before
  // those that only cite it.
  const folded = foldForSearch(query.q ?? "");
  const numberFirst = sql`(trim(regexp_replace(translate(lower(${libraryDocuments.number}), 'đ', 'd'), '[^a-z0-9]+', ' ', 'g')) like ${`${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}) desc`;
  const order = [
    ...(tsq ? [numberFirst, sql`ts_rank(${libraryDocuments.searchVector}, ${tsq}) desc`] : []),
    desc(libraryDocuments.issuedOn),
    desc(libraryDocuments.id),
  ];
  const rows = async (limit: number, offset: number) => {
    const ids = (
      await db
        .select({ id: libraryDocuments.id })
        .from(libraryDocuments)
        .where(and(sight, ...filters))
        .orderBy(...order)
        .limit(limit)
        .offset(offset)
    ).map((r) => r.id);
    if (!ids.length) return [];
    return inIdOrder(
      ids,
      await selectDocuments(db, actor).where(inArray(libraryDocuments.id, ids)),
      (r) => r.document.id,
    );
  };
  // Counted as disjoint parts: the path's documents, and the subtree's below the actor's unit.
  const matches = () => {
    if (ownDepth === 0)
      return db
        .select({ one: sql`1` })
        .from(libraryDocuments)
        .where(and(...filters));
    return unionAll(
      db
        .select({ one: sql`1` })
        .from(libraryDocuments)
        .where(and(onPath, ...filters)),
      db
        .select({ one: sql`1` })
        .from(libraryDocuments)
        .innerJoin(units, eq(units.id, libraryDocuments.unitId))
        .where(
          and(sql`${units.path} like ${`${actor.unitPath}%`}`, sql`${units.depth} > ${ownDepth}`, ...filters),
        ),
    );
  };
  return pageOf(db, query, rows, matches);
}

/** The units whose documents the actor sees (the issuing-unit filter), the nearest ancestors and the caller's unit first. */
export function issuers(db: Executor, actor: Actor) {
  return db
    .select({ id: units.id, name: units.name, count: count() })
    .from(libraryDocuments)
    .innerJoin(units, eq(units.id, libraryDocuments.unitId))
    .where(visible(actor))
    .groupBy(units.id, units.name, units.depth, units.sortKey)
    .orderBy(units.depth, units.sortKey)
    .limit(200);
}

/** The versions of some documents, the latest first, with their files and who uploaded them. */
export function versionsOf(db: Executor, documentIds: string[]) {
  if (!documentIds.length) return Promise.resolve([]);
  return db
    .select({ version: libraryVersions, file: storedFiles, createdByName: users.displayName })
    .from(libraryVersions)
    .innerJoin(storedFiles, eq(storedFiles.id, libraryVersions.fileId))
    .leftJoin(users, eq(users.id, libraryVersions.createdBy))
    .where(inArray(libraryVersions.documentId, documentIds))
    .orderBy(desc(libraryVersions.number));
}
export type VersionRow = Awaited<ReturnType<typeof versionsOf>>[number];

export async function findVersion(db: Executor, documentId: string, versionId: string) {
  const [row] = await db
    .select({ version: libraryVersions, file: storedFiles })
    .from(libraryVersions)
    .innerJoin(storedFiles, eq(storedFiles.id, libraryVersions.fileId))
    .where(and(eq(libraryVersions.id, versionId), eq(libraryVersions.documentId, documentId)));
  return row ?? null;
}

interface ReadCount {
  readers: number;
  memberReaders: number;
}

/**
 * Who read a document, under a unit (found within the actor's subtree and the document's issuing
 * subtree, else null): readers by each open child unit and directly at the unit, with each
 * child's active members (the figures, today) for the share.
 */
export async function readReport(
  db: Executor,
  actor: Actor,
  document: { id: string; unitPath: string },
  unitId: string,
  today: string,
) {
  const [unit] = await db
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(
      and(
        eq(units.id, unitId),
        sql`${units.path} like ${`${actor.unitPath}%`}`,
        sql`${units.path} like ${`${document.unitPath}%`}`,
      ),
    );
  if (!unit) return null;
  const childAt = pathIds(unit.path).length + 2; // split_part index of the child's id in a path
  const counted = (await db.execute(sql`
    select split_part(u.path, '/', ${childAt}) as child, count(*)::int as readers,
           count(r.person_id)::int as member_readers
    from ${libraryReads} r join ${units} u on u.id = r.unit_id
    where r.document_id = ${document.id} and u.path like ${`${unit.path}%`}
    group by 1`)) as unknown as { rows: { child: string; readers: number; member_readers: number }[] };
  const byChild = new Map<string, ReadCount>(
    counted.rows.map((r) => [
      r.child,
      { readers: Number(r.readers), memberReaders: Number(r.member_readers) },
    ]),
  );
  const children = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.parentId, unit.id), eq(units.status, "active")))
    .orderBy(units.sortKey, units.id)
    .limit(200);
  const members = async (id: string) =>
    ((await figuresAt(db, { id }, [today])) ?? [])[0]?.get("people.active") ?? 0;
  const rows = [];
  for (const child of children) {
    const c = byChild.get(child.id) ?? { readers: 0, memberReaders: 0 };
    const m = await members(child.id);
    rows.push({ unit: child, ...c, members: m, share: readShare(c.memberReaders, m) });
  }
  const total = [...byChild.values()].reduce(
    (s, c) => ({ readers: s.readers + c.readers, memberReaders: s.memberReaders + c.memberReaders }),
    { readers: 0, memberReaders: 0 },
  );
  const own = await members(unit.id);
  return {
    unit: { id: unit.id, name: unit.name },
    ...total,
    members: own,
    share: readShare(total.memberReaders, own),
    direct: byChild.get("") ?? { readers: 0, memberReaders: 0 },
    children: rows,
  };
}

/** readers ÷ members, 0..1: the exact fraction, rounded once where it is shown. */
export const readShare = (readers: number, members: number) =>
  members > 0 ? Math.min(1, readers / members) : 0;
