import { Anchor, Box, Card, Group, Image, Stack, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { BareList } from "../../components/BareList";
import { type Column, DataTable } from "../../components/DataTable";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { Pager } from "../../components/Pager";
import type { Page } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { PracticeStatusBadge, PublicBadge } from "../practices/PracticeStatusBadge";
import type { Exemplar } from "./api";
import { ExemplarKindBadge, ExemplarThumb, standingNote, whereLine } from "./ExemplarBits";

export function ExemplarTitleLink({ exemplar }: { exemplar: Exemplar }) {
  return (
    <Anchor component={Link} to={`/exemplars/${exemplar.id}`} fw={600} style={{ overflowWrap: "anywhere" }}>
      {exemplar.title}
    </Anchor>
  );
}

/**
 * One exemplar as a card (phones, the review queue): the photo across the top when there is one,
 * the name as the link, who is honoured, where it stands, and any actions.
 */
export function ExemplarCard({ exemplar, actions }: { exemplar: Exemplar; actions?: ReactNode }) {
  const { t } = useTranslation();
  const note = standingNote(t, exemplar);
  return (
    <Card component="li" withBorder radius="md" padding="sm">
      {exemplar.photo && (
        <Card.Section mb="sm">
          <Image src={exemplar.photo.displayUrl} alt="" h={180} fit="cover" loading="lazy" aria-hidden />
        </Card.Section>
      )}
      <Group wrap="nowrap" align="flex-start" gap="sm">
        {!exemplar.photo && <ExemplarThumb exemplar={exemplar} size={48} />}
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <ExemplarTitleLink exemplar={exemplar} />
          <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {whereLine(t, exemplar)}
          </Text>
          <Group gap={6} wrap="wrap">
            <ExemplarKindBadge kind={exemplar.kind} size="sm" />
            <PracticeStatusBadge status={exemplar.status} size="sm" />
            {exemplar.isPublic && <PublicBadge size="sm" />}
          </Group>
          <Text size="sm">{exemplar.field.name}</Text>
          {exemplar.excerpt && (
            <Text size="sm" c="dimmed" lineClamp={3}>
              {exemplar.excerpt}
            </Text>
          )}
          {note && (
            <Text
              size="xs"
              c={exemplar.waitingForMe ? "blue" : "dimmed"}
              fw={exemplar.waitingForMe ? 600 : 400}
            >
              {note}
            </Text>
          )}
        </Stack>
      </Group>
      {actions && (
        <Group gap="xs" mt="sm" justify="flex-end" wrap="wrap">
          {actions}
        </Group>
      )}
    </Card>
  );
}

/** A page of exemplars: a table on wide screens, cards with their photo on phones; loading, error and empty states. */
export function ExemplarList({
  query,
  page,
  onPage,
  emptyMessage,
}: {
  query: UseQueryResult<Page<Exemplar>>;
  page: number;
  onPage: (page: number) => void;
  emptyMessage: string;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  if (query.isPending) return <ListSkeleton />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  const { items, total, pageSize } = query.data;
  if (items.length === 0) return <EmptyList message={emptyMessage} />;

  const columns: Column<Exemplar>[] = [
    {
      key: "title",
      header: t("exemplars.name"),
      render: (e) => (
        <Group wrap="nowrap" gap="sm">
          <ExemplarThumb exemplar={e} size={44} />
          <Box style={{ minWidth: 0 }}>
            <ExemplarTitleLink exemplar={e} />
            <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {whereLine(t, e)}
            </Text>
          </Box>
        </Group>
      ),
    },
    {
      key: "kind",
      header: t("exemplars.kind"),
      render: (e) => <ExemplarKindBadge kind={e.kind} size="sm" />,
    },
    { key: "field", header: t("exemplars.field"), render: (e) => e.field.name },
    {
      key: "status",
      header: t("exemplars.status"),
      render: (e) => (
        <Stack gap={4}>
          <Group gap={4} wrap="wrap">
            <PracticeStatusBadge status={e.status} size="sm" />
            {e.isPublic && <PublicBadge size="sm" />}
          </Group>
          {standingNote(t, e) && (
            <Text size="xs" c={e.waitingForMe ? "blue" : "dimmed"}>
              {standingNote(t, e)}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: "registeredOn",
      header: t("exemplars.registeredOn"),
      nowrap: true,
      render: (e) => formatDate(e.registeredOn),
    },
  ];

  return (
    <Stack style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isPlaceholderData}>
      {narrow ? (
        <BareList gap="sm" aria-label={t("exemplars.listLabel")}>
          {items.map((exemplar) => (
            <ExemplarCard key={exemplar.id} exemplar={exemplar} />
          ))}
        </BareList>
      ) : (
        <DataTable
          rows={items}
          columns={columns}
          rowKey={(e) => e.id}
          cardTitle={(e) => e.title}
          label={t("exemplars.listLabel")}
          minWidth={820}
        />
      )}
      <Pager page={page} pageSize={pageSize} total={total} onChange={onPage} />
    </Stack>
  );
}
