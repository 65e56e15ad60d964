import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { ItemOf, ResponseOf } from "../../lib/api-shapes";

/** Thông báo: what the server tells an account (reminders, …), read or unread, with a link to act. */
export type Notification = ItemOf<"/api/notifications", "get">;

export const notificationsKey = ["notifications"] as const;
export const NOTIFICATIONS_PAGE_SIZE = 20;
/** How often the bell asks for the unread count. */
export const NOTIFICATIONS_REFRESH_MS = 60_000;

export function useNotificationCounts() {
  return useQuery({
    queryKey: [...notificationsKey, "counts"],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/notifications/counts", "get">>("/notifications/counts", { signal }),
    refetchInterval: NOTIFICATIONS_REFRESH_MS,
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
