import { Button, Group, Paper, SegmentedControl, Stack } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { NOTIFICATIONS_PAGE_SIZE, useMarkAllRead, useNotifications } from "./api";
import { NotificationList } from "./NotificationList";

/** Every notification of the account, newest first; the unread alone on request. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<"all" | "unread">("all");
  const list = useNotifications({ page, unread: filter === "unread" });
  const markAll = useMarkAllRead();
  const unread = list.data?.unread ?? 0;

  return (
    <Stack maw={800}>
      <PageHeader
        title={t("notifications.title")}
        description={t("notifications.unreadCount", { count: unread })}
        actions={
          unread > 0 ? (
            <Button variant="default" onClick={() => markAll.mutate()} loading={markAll.isPending}>
              {t("notifications.markAllRead")}
            </Button>
          ) : undefined
        }
      />
      <Group>
        <SegmentedControl
          value={filter}
          onChange={(value) => {
            setFilter(value as "all" | "unread");
            setPage(1);
          }}
          data={[
            { value: "all", label: t("notifications.filterAll") },
            { value: "unread", label: t("notifications.filterUnread") },
          ]}
          aria-label={t("notifications.filter")}
        />
      </Group>
      <Paper withBorder radius="md">
        {list.isPending ? (
          <ListSkeleton rows={4} />
        ) : list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyList message={t("notifications.empty")} />
        ) : (
          <NotificationList items={list.data.items} />
        )}
      </Paper>
      {list.data && list.data.total > NOTIFICATIONS_PAGE_SIZE && (
        <Pager page={page} of={list.data} pageSize={NOTIFICATIONS_PAGE_SIZE} onChange={setPage} />
      )}
    </Stack>
  );
}
