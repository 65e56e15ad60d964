import { Anchor, Box, Button, Group, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { BareList } from "../../components/BareList";
import { formatDateTime } from "../../lib/format";
import { type Notification, useMarkRead } from "./api";

/**
 * Notifications as a list: the unread ones marked (dot and bold title, and said to screen
 * readers), each with its link, which also marks it read, and a "mark read" button.
 */
export function NotificationList({
  items,
  onNavigate,
  compact = false,
}: {
  items: Notification[];
  /** Called when a link is followed (the panel closes). */
  onNavigate?: () => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const markRead = useMarkRead();
  return (
    <BareList gap={0} data-testid="notification-list">
      {items.map((n) => {
        const unread = !n.readAt;
        return (
          <Box
            component="li"
            key={n.id}
            py="sm"
            px={compact ? "xs" : "sm"}
            data-unread={unread || undefined}
            style={{
              borderBottom: "1px solid var(--mantine-color-default-border)",
              background: unread ? "var(--mantine-color-red-light)" : undefined,
            }}
          >
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Box
                aria-hidden
                mt={8}
                w={10}
                h={10}
                style={{
                  flex: "none",
                  borderRadius: "50%",
                  background: unread ? "var(--mantine-color-red-7)" : "transparent",
                }}
              />
              <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                <Text fw={unread ? 700 : 500} fz={compact ? "md" : "lg"} lh={1.35}>
                  {unread && <VisuallyHidden>{t("notifications.unreadPrefix")} </VisuallyHidden>}
                  {n.link ? (
                    <Anchor
                      component={Link}
                      to={n.link}
                      c="inherit"
                      onClick={() => {
                        if (unread) markRead.mutate(n.id);
                        onNavigate?.();
                      }}
                    >
                      {n.title}
                    </Anchor>
                  ) : (
                    n.title
                  )}
                </Text>
                <Text fz={compact ? "sm" : "md"} lh={1.5}>
                  {n.body}
                </Text>
                <Group gap="sm" justify="space-between" wrap="wrap">
                  <Text size="sm" c="dimmed">
                    {formatDateTime(n.createdAt)}
                  </Text>
                  {unread && (
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => markRead.mutate(n.id)}
                      loading={markRead.isPending && markRead.variables === n.id}
                      aria-label={t("notifications.markReadOne", { title: n.title })}
                    >
                      {t("notifications.markRead")}
                    </Button>
                  )}
                </Group>
              </Stack>
            </Group>
          </Box>
        );
      })}
    </BareList>
  );
}
