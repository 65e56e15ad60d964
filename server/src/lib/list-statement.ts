import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../db/client.ts";
import {
  EXACT_TOTAL_UP_TO,
  estimateRows,
  listTotal,
  offsetOf,
  type PageQuery,
  type Total,
} from "./pagination.ts";

/**
 * A list's page in one statement (issue 13: every statement is a round trip, and a page of 50 rows
 * costs several already): an inner SELECT `page` picks the page's ids — ordered, limited, reading
 * only the list's own table — and carries the total's parts in two columns, `total` (the count of
 * all matches, a window over rows the page's order reads anyway; else null) and `capped` (their
 * count up to EXACT_TOTAL_UP_TO + 1, an InitPlan read once; else null). The caller joins `page` to
 * the details, which are computed for the page's rows only, and reads the total with `pageTotal`.
 */
export const pageSource = (page: SQLWrapper) => sql`(${page}) as page`;

/** The id column of `page`, to join the details on. */
export const pageId = sql`page.id`;

/** The columns a details SELECT over `page` adds: the total's parts. */
export const pageTotalColumns = {
  pageTotal: sql<number | string | null>`page.total`,
  pageCapped: sql<number | string | null>`page.capped`,
};

/** `capped` of a page: the matches (any columns, unordered) counted up to EXACT_TOTAL_UP_TO + 1. */
export const cappedCount = (matches: SQLWrapper) =>
  sql<number>`(select count(*)::int from (${matches} limit ${EXACT_TOTAL_UP_TO + 1}) as matches)`;

/** `total` and `capped` of a page whose rows count all matches in the same pass (select fields). */
export const windowCount = () => ({
  total: sql<number>`count(*) over ()`.as("total"),
  capped: sql<null>`null::int`.as("capped"),
});

/** `total` and `capped` of a page whose matches are counted apart, up to EXACT_TOTAL_UP_TO + 1. */
export const cappedColumns = (matches: SQLWrapper) => ({
  total: sql<null>`null::int`.as("total"),
  capped: cappedCount(matches).as("capped"),
});

/**
 * A page of one table's ids (the rows matching `where`, in `order`) with its total's parts, and its
 * matches for `pageTotal`: `count` "capped" counts the matches apart, "window" in the page's own scan
 * (for a scan that reads every match anyway, such as a ranked search).
 */
export function tablePage(
  db: Executor,
  table: PgTable & { id: PgColumn },
  where: SQL | undefined,
  order: (PgColumn | SQL)[],
  query: PageQuery,
  count: "capped" | "window" = "capped",
) {
  const matches = () =>
    db
      .select({ one: sql`1` })
      .from(table as PgTable)
      .where(where);
  const page = db
    .select({ id: table.id, ...(count === "window" ? windowCount() : cappedColumns(matches())) })
    .from(table as PgTable)
    .where(where)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset(offsetOf(query));
  return { page, matches };
}

/**
 * The total of a page read with its total's parts, by listTotal's rules: a short page is its own
 * total; up to EXACT_TOTAL_UP_TO matches, their count; above, the planner's estimate (never below
 * what was counted), flagged. A page with no row carries nothing: listTotal counts then.
 */
export async function pageTotal(
  db: Executor,
  query: PageQuery,
  rows: { pageTotal: number | string | null; pageCapped: number | string | null }[],
  matches: () => SQLWrapper,
): Promise<Total> {
  const first = rows[0];
  if (!first) return listTotal(db, query, 0, matches);
  if (rows.length < query.pageSize) return { total: offsetOf(query) + rows.length };
  if (first.pageTotal !== null) return { total: Number(first.pageTotal) };
  const capped = Number(first.pageCapped ?? 0);
  if (capped <= EXACT_TOTAL_UP_TO) return { total: capped };
  return { total: Math.max(await estimateRows(db, matches()), capped), totalIsEstimate: true };
}
