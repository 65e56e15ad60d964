import { z } from "zod";

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
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const offsetOf = (q: PageQuery) => (q.page - 1) * q.pageSize;

/** Escapes a user's search text for LIKE. */
export const likeContains = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Runs a page query and its count together: `{ rows, total }`. */
export async function pageOf<T>(
  query: PageQuery,
  rows: (limit: number, offset: number) => Promise<T[]>,
  count: () => Promise<{ total: number }[]>,
): Promise<{ rows: T[]; total: number }> {
  const [items, totals] = await Promise.all([rows(query.pageSize, offsetOf(query)), count()]);
  return { rows: items, total: totals[0]?.total ?? 0 };
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
export function envelope<T>(query: PageQuery, items: T[], total: number) {
  return { items, total, page: query.page, pageSize: query.pageSize };
}
