import { type SQLWrapper, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../db/client.ts";

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PageQuery = z.output<typeof pageQuery>;

/** The list envelope every list answers with (STYLE.md API conventions). */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    /** `total` is the planner's estimate (above EXACT_TOTAL_UP_TO matches): shown as "khoảng …". */
    totalIsEstimate: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** Up to this many matches a list's total is counted; above, it is estimated. */
export const EXACT_TOTAL_UP_TO = 10_000;

/** A list's total, and whether it is an estimate. */
export interface Total {
  total: number;
  totalIsEstimate?: boolean;
}

/** The planner's estimate of the rows a query returns (EXPLAIN: planned, not run). */
export async function estimateRows(db: Executor, query: SQLWrapper): Promise<number> {
  const result = (await db.execute(sql`explain (format json) ${query}`)) as unknown as {
    rows: { "QUERY PLAN": unknown }[];
  };
  const raw = result.rows[0]?.["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: { "Plan Rows": number } }[];
  return Math.round(plan[0]?.Plan["Plan Rows"] ?? 0);
}

/**
 * The total of a list whose page has been read, costing the page and not the whole match:
 * - a page that is not full shows the total itself (no count);
 * - else the matches (`matches`: the list's rows, unordered, any columns) are counted up to
 *   EXACT_TOTAL_UP_TO; when the planner expects far more than that, they are not counted at all;
 * - above it, the planner's estimate (never below what was counted), flagged `totalIsEstimate`.
 */
export async function listTotal(
  db: Executor,
  query: PageQuery,
  pageRows: number,
  matches: () => SQLWrapper,
): Promise<Total> {
  if (pageRows > 0 && pageRows < query.pageSize) return { total: offsetOf(query) + pageRows };
  if (pageRows === 0 && query.page === 1) return { total: 0 };
  const estimate = await estimateRows(db, matches());
  if (estimate > 5 * EXACT_TOTAL_UP_TO) return { total: estimate, totalIsEstimate: true };
  const counted = (await db.execute(
    sql`select count(*)::int as n from (${matches()} limit ${EXACT_TOTAL_UP_TO + 1}) as matches`,
  )) as unknown as { rows: { n: number }[] };
  const n = Number(counted.rows[0]?.n ?? 0);
  if (n <= EXACT_TOTAL_UP_TO) return { total: n };
  return { total: Math.max(estimate, n), totalIsEstimate: true };
}

export const offsetOf = (q: PageQuery) => (q.page - 1) * q.pageSize;

/** Escapes a user's search text for LIKE. */
export const likeContains = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Reads a page, then its total (listTotal: counted up to EXACT_TOTAL_UP_TO, estimated above):
 * `{ rows, total, totalIsEstimate? }`. `matches` is the list's rows unordered (any columns).
 */
export async function pageOf<T>(
  db: Executor,
  query: PageQuery,
  rows: (limit: number, offset: number) => Promise<T[]>,
  matches: () => SQLWrapper,
): Promise<{ rows: T[] } & Total> {
  const items = await rows(query.pageSize, offsetOf(query));
  return { rows: items, ...(await listTotal(db, query, items.length, matches)) };
}

/**
 * A page whose rows carry the count of all matches (`count(*) over ()`, read in the same scan):
 * for searches, whose matching is the costly part; the count query runs only for a page past the end.
 */
export async function pageWithTotal<T extends { total: number }>(
  query: PageQuery,
  rows: (limit: number, offset: number) => Promise<T[]>,
  count: () => Promise<{ total: number }[]>,
): Promise<{ rows: T[]; total: number }> {
  const items = await rows(query.pageSize, offsetOf(query));
  const first = items[0];
  if (first) return { rows: items, total: Number(first.total) };
  return { rows: items, total: query.page > 1 ? ((await count())[0]?.total ?? 0) : 0 };
}

/** The list envelope of a page. */
export function envelope<T>(query: PageQuery, items: T[], total: number | Total) {
  const t = typeof total === "number" ? { total } : total;
  return {
    items,
    total: t.total,
    ...(t.totalIsEstimate ? { totalIsEstimate: true } : {}),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The rows of a page read by id, put back in the page's order (`ids`); ids with no row are left out. */
export function inIdOrder<T>(ids: readonly string[], rows: readonly T[], idOf: (row: T) => string): T[] {
  const byId = new Map(rows.map((r) => [idOf(r), r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row === undefined ? [] : [row];
  });
}
