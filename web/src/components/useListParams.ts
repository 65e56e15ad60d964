import { useSearchParams } from "react-router";

/**
 * A list's filters and page kept in the address, so Back and shared links keep them: a filter
 * changed starts again from page 1 and replaces the history entry; a page turned is a new entry.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const setFilter = (key: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        next.delete("page");
        return next;
      },
      { replace: true },
    );
  const setPage = (value: number) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set("page", String(value));
      return next;
    });
  /** Every filter off (but those in `keep`). */
  const clearFilters = (keep?: Record<string, string>) =>
    setParams(new URLSearchParams(keep), { replace: true });
  return { params, page, setFilter, setPage, clearFilters };
}

/** A year written in the address (`?year=2025`), or "" if there is none or it is not a year. */
export const yearParam = (params: URLSearchParams) =>
  /^\d{4}$/.test(params.get("year") ?? "") ? (params.get("year") ?? "") : "";
