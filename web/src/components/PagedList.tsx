import { Stack } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { Page } from "../lib/api";
import { EmptyList, ErrorAlert, ListSkeleton } from "./ListStates";
import { Pager } from "./Pager";

/**
 * One page of a server list in its four states: placeholder rows while it loads, the error with a
 * retry, the empty message, or the items (dimmed while the next page loads) with the pager below
 * when `onPage` is given.
 */
export function PagedList<T>({
  query,
  empty,
  rows,
  page,
  onPage,
  children,
}: {
  query: UseQueryResult<Page<T>, Error>;
  /** What an empty list says (default "Chưa có dữ liệu"). */
  empty?: string | undefined;
  /** How many placeholder rows while loading. */
  rows?: number;
  page?: number;
  onPage?: (page: number) => void;
  children: (data: Page<T>) => ReactNode;
}) {
  if (query.isPending) return <ListSkeleton rows={rows} />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.items.length === 0) return <EmptyList message={empty} />;
  return (
    <Stack style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isPlaceholderData}>
      {children(query.data)}
      {onPage && <Pager page={page ?? query.data.page} of={query.data} onChange={onPage} />}
    </Stack>
  );
}
