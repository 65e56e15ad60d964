import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Page } from "../../lib/api";

/** Thông báo: what the server tells an account (reminders, …), read or unread, with a link to act. */
export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export const notificationsKey = ["notifications"] as const;
export const NOTIFICATIONS_PAGE_SIZE = 20;
/** How often the bell asks for the unread count. */
export const NOTIFICATIONS_REFRESH_MS = 60_000;

export function useNotificationCounts() {
  return useQuery({
    queryKey: [...notificationsKey, "counts"],
    queryFn: ({ signal }) => api<{ unread: number; total: number }>("/notifications/counts", { signal }),
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
      api<Page<Notification> & { unread: number }>("/notifications", {
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
      api<{ notification: Notification }>(`/notifications/${encodeURIComponent(id)}/read`, {
        method: "POST",
        body: {},
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ updated: number }>("/notifications/read-all", { method: "POST", body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
