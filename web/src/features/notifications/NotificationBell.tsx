import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconBell } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { useMarkAllRead, useNotificationCounts, useNotificationStream, useNotifications } from "./api";
import { NotificationList } from "./NotificationList";

/**
 * The bell in the header: the unread count (live through the notifications stream; without it
 * refreshed every minute and on focus), said politely to screen readers when it changes, and a
 * panel with the latest notifications, "mark all read" and a link to the page of all of them.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const live = useNotificationStream();
  const counts = useNotificationCounts(live);
  const unread = counts.data?.unread ?? 0;
  const latest = useNotifications({ page: 1, pageSize: 5 }, opened);
  const markAll = useMarkAllRead();
  const label = unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell");

  return (
    <>
      <VisuallyHidden aria-live="polite" data-testid="notification-announcer">
        {unread > 0 ? t("notifications.unreadCount", { count: unread }) : ""}
      </VisuallyHidden>
      <Popover
        opened={opened}
        onChange={(next) => (next ? undefined : close())}
        position="bottom-end"
        width="min(380px, calc(100vw - 16px))"
        // Fixed to the screen: on a phone an absolutely placed panel that overflowed for a moment
        // widened the page, which moved the panel again (it never settled, and could not be tapped).
        floatingStrategy="fixed"
        shadow="md"
        trapFocus
        returnFocus
        withinPortal
      >
        {/* The badge wraps the target: Popover.Target gives its child the popup's ARIA state, which
            belongs on the button, not on the badge's div. */}
        <Indicator
          label={<span aria-hidden>{unread > 99 ? "99+" : unread}</span>}
          size={18}
          color="red"
          disabled={unread === 0}
          offset={6}
          data-testid="notification-badge"
        >
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              size={44}
              radius="xl"
              onClick={toggle}
              aria-label={label}
              aria-expanded={opened}
              aria-haspopup="dialog"
              data-testid="notification-bell"
            >
              <IconBell size={24} stroke={1.6} aria-hidden />
            </ActionIcon>
          </Popover.Target>
        </Indicator>
        <Popover.Dropdown p={0} role="dialog" aria-labelledby="notification-panel-title">
          <Stack gap={0}>
            <Group justify="space-between" px="sm" py="xs" wrap="nowrap">
              <Title order={2} fz="h5" id="notification-panel-title">
                {t("notifications.title")}
              </Title>
              {unread > 0 && (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => markAll.mutate()}
                  loading={markAll.isPending}
                >
                  {t("notifications.markAllRead")}
                </Button>
              )}
            </Group>
            <ScrollArea.Autosize mah="60vh">
              {latest.isPending ? (
                <ListSkeleton rows={3} />
              ) : latest.isError ? (
                <ErrorAlert error={latest.error} onRetry={() => latest.refetch()} />
              ) : latest.data.items.length === 0 ? (
                <Text c="dimmed" px="sm" py="md">
                  {t("notifications.empty")}
                </Text>
              ) : (
                <NotificationList items={latest.data.items} onNavigate={close} compact />
              )}
            </ScrollArea.Autosize>
            <Anchor component={Link} to="/notifications" onClick={close} px="sm" py="sm" fw={600}>
              {t("notifications.seeAll")}
            </Anchor>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </>
  );
}
