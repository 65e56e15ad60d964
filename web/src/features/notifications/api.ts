import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, buildUrl } from "../../lib/api";
import type { ItemOf, ResponseOf } from "../../lib/api-shapes";

/** Thông báo: what the server tells an account (reminders, …), read or unread, with a link to act. */
export type Notification = ItemOf<"/api/notifications", "get">;

export const notificationsKey = ["notifications"] as const;
export const NOTIFICATIONS_PAGE_SIZE = 20;
/** How often the bell asks for the unread count (without the live stream; with it, rarely). */
export const NOTIFICATIONS_REFRESH_MS = 60_000;
const NOTIFICATIONS_LIVE_REFRESH_MS = 10 * 60_000;

/**
 * The bell's live stream (`GET /api/notifications/stream`, server-sent events): each new
 * notification of the user, or a `reset` (events may have been missed), makes the counts and lists
 * re-read. EventSource reconnects by itself (sending the last event id, so nothing is missed);
 * refused (401, 429) or unsupported, it stays closed and the bell keeps polling. Answers whether
 * the stream is open.
 */
export function useNotificationStream(): boolean {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(buildUrl("/notifications/stream"));
    const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationsKey });
    source.addEventListener("notification", refresh);
    source.addEventListener("reset", refresh);
    source.onopen = () => setOpen(true);
    source.onerror = () => setOpen(source.readyState === EventSource.OPEN);
    return () => source.close();
  }, [queryClient]);
  return open;
}

export function useNotificationCounts(live = false) {
  return useQuery({
    queryKey: [...notificationsKey, "counts"],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/notifications/counts", "get">>("/notifications/counts", { signal }),
    refetchInterval: live ? NOTIFICATIONS_LIVE_REFRESH_MS : NOTIFICATIONS_REFRESH_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

export function useNotifications(
  params: { page: number; unread?: boolean; pageSize?: number },
  enabled = true,
) {
  const pageSize = params.pageSize ?? NOTIFICATIONS_PAGE_SIZE;
  return useQuery({
    queryKey: [...notificationsKey, "list", params.page, pageSize, !!params.unread],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/notifications", "get">>("/notifications", {
        query: { page: params.page, pageSize, unread: params.unread ? "true" : undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<ResponseOf<"/api/notifications/{id}/read", "post">>(
        `/notifications/${encodeURIComponent(id)}/read`,
        {
          method: "POST",
          body: {},
        },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<ResponseOf<"/api/notifications/read-all", "post">>("/notifications/read-all", {
        method: "POST",
        body: {},
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
