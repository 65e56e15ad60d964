import { type SQL, sql } from "drizzle-orm";
import { foldForSearch } from "../../lib/vietnamese.ts";

/**
 * Accent-free full-text search ("lam theo bac" finds "làm theo Bác"): the application folds the
 * text (lower case, no diacritics, đ→d) and PostgreSQL's 'simple' configuration splits it into words,
 * weighted A (title), B (body) and C (unit names), for ranking with ts_rank.
 */
export function searchVector(parts: { a: string; b?: string; c?: string }): SQL {
  return sql`setweight(to_tsvector('simple', ${foldForSearch(parts.a)}), 'A')
    || setweight(to_tsvector('simple', ${foldForSearch(parts.b ?? "")}), 'B')
    || setweight(to_tsvector('simple', ${foldForSearch(parts.c ?? "")}), 'C')`;
}

/** Every word must match; the last one as a prefix (typing "lam theo ba" already finds "Bác"). */
export function searchQuery(q: string | undefined): SQL | null {
  const words = foldForSearch(q ?? "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 12);
  if (!words.length) return null;
  const last = words.length - 1;
  return sql`to_tsquery('simple', ${words.map((w, i) => (i === last ? `${w}:*` : w)).join(" & ")})`;
}
