import { Anchor, Button, Skeleton, Stack, Text } from "@mantine/core";
import { IconCheck, IconNews } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { BareList } from "../../components/BareList";
import { HomeCard } from "../../components/HomeCard";
import { ErrorAlert } from "../../components/ListStates";
import { notifyError } from "../../components/notify";
import { formatDate } from "../../lib/format";
import { useDocuments, useMarkRead } from "./api";

/**
 * "Thông báo nội bộ mới": the bulletins published to the caller's unit that they have not marked
 * read, newest first, each with a large "Đã đọc" button. Embeddable (the member home screen).
 */
export function NewBulletins({ limit = 5 }: { limit?: number }) {
  const { t } = useTranslation();
  const bulletins = useDocuments({ kind: "bulletin", unread: true, page: 1, pageSize: limit });
  const markRead = useMarkRead();
  return (
    <HomeCard
      id="new-bulletins-title"
      title={t("library.newBulletins")}
      icon={<IconNews size={24} aria-hidden color="var(--mantine-color-orange-7)" />}
    >
      {bulletins.isPending ? (
        <Skeleton height={60} radius="sm" />
      ) : bulletins.isError ? (
        <ErrorAlert error={bulletins.error} onRetry={() => bulletins.refetch()} />
      ) : bulletins.data.items.length === 0 ? (
        <Text fz="lg" c="dimmed">
          {t("library.noNewBulletins")}
        </Text>
      ) : (
        <BareList gap="md">
          {bulletins.data.items.map((doc) => (
            <Stack component="li" key={doc.id} gap={6}>
              <Anchor component={Link} to={`/library/${doc.id}`} fz="xl" fw={700} lh={1.35} c="inherit">
                {doc.title}
              </Anchor>
              <Text fz="md" c="dimmed">
                {t("library.issuedLine", { unit: doc.unit.name, date: formatDate(doc.issuedOn) })}
              </Text>
              <Button
                size="md"
                variant="light"
                color="teal"
                leftSection={<IconCheck size={20} />}
                style={{ alignSelf: "flex-start" }}
                loading={markRead.isPending && markRead.variables === doc.id}
                onClick={() => markRead.mutate(doc.id, { onError: (error) => notifyError(error.message) })}
                aria-label={t("library.markReadNamed", { title: doc.title })}
              >
                {t("library.markRead")}
              </Button>
            </Stack>
          ))}
          {bulletins.data.total > bulletins.data.items.length && (
            <Anchor component={Link} to="/library?kind=bulletin&unread=true" fz="lg">
              {t("library.moreBulletins", { count: bulletins.data.total - bulletins.data.items.length })}
            </Anchor>
          )}
        </BareList>
      )}
    </HomeCard>
  );
}
