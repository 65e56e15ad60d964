import { Anchor, Box, Card, Group, Image, Stack, Text, ThemeIcon } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconBulb } from "@tabler/icons-react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { BareList } from "../../components/BareList";
import { type Column, DataTable } from "../../components/DataTable";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { Pager } from "../../components/Pager";
import type { Page } from "../../lib/api";
import { formatDate, formatDateTime } from "../../lib/format";
import { type Practice, useFieldNames } from "./api";
import { PracticeStatusBadge, PublicBadge } from "./PracticeStatusBadge";

const THUMB = 72;

/** The cover photo's thumbnail, or a plain tile: decorative, the title beside it says what it is. */
export function CoverThumb({ practice, size = THUMB }: { practice: Practice; size?: number }) {
  const src = practice.cover?.thumbUrl;
  if (src)
    return (
      <Image
        src={src}
        alt=""
        w={size}
        h={size}
        miw={size}
        radius="sm"
        fit="cover"
        loading="lazy"
        style={{ flexShrink: 0 }}
      />
    );
  return (
    <ThemeIcon variant="light" color="gray" size={size} radius="sm" aria-hidden style={{ flexShrink: 0 }}>
      <IconBulb size={size / 2.4} />
    </ThemeIcon>
  );
}

/** Where a model stands, in one line: waiting where and since when, or recognised by whom. */
export function standingNote(t: TFunction, practice: Practice): string {
  if (practice.status === "submitted" && practice.waitingAt)
    return practice.waitingForMe
      ? t("practices.waitingForYou", { since: formatDateTime(practice.waitingSince) })
      : t("practices.waitingAt", {
          unit: practice.waitingAt.name,
          since: formatDateTime(practice.waitingSince),
        });
  if (practice.status === "recognised" && practice.recognisedBy)
    return t("practices.recognisedByOn", {
      unit: practice.recognisedBy.name,
      date: formatDate(practice.recognisedOn),
    });
  return "";
}

export function PracticeTitleLink({ practice }: { practice: Practice }) {
  return (
    <Anchor component={Link} to={`/practices/${practice.id}`} fw={600} style={{ overflowWrap: "anywhere" }}>
      {practice.title}
    </Anchor>
  );
}

/** One model as a card (phones, the review queue): cover, title, unit, state; actions below. */
export function PracticeCard({ practice, actions }: { practice: Practice; actions?: ReactNode }) {
  const { t } = useTranslation();
  const fieldName = useFieldNames();
  const note = standingNote(t, practice);
  return (
    <Card component="li" withBorder padding="sm" radius="md">
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <CoverThumb practice={practice} />
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <PracticeTitleLink practice={practice} />
          <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {practice.person ? `${practice.person.fullName} · ${practice.unit.name}` : practice.unit.name}
          </Text>
          <Group gap={6} wrap="wrap">
            <PracticeStatusBadge status={practice.status} size="sm" />
            {practice.isPublic && <PublicBadge size="sm" />}
            <Text size="xs" c="dimmed">
              {fieldName(practice.field)}
            </Text>
          </Group>
          {note && (
            <Text size="xs" c="dimmed">
              {note}
            </Text>
          )}
          {practice.adoptionCount > 0 && (
            <Text size="xs" c="dimmed">
              {t("practices.adoptionCount", { count: practice.adoptionCount })}
            </Text>
          )}
        </Stack>
      </Group>
      {actions && (
        <Box mt="sm">
          <Group gap="xs" wrap="wrap">
            {actions}
          </Group>
        </Box>
      )}
    </Card>
  );
}

/**
 * A page of models with its loading, empty and error states: cards with the cover photo on
 * phones, a table on wider screens.
 */
export function PracticeList({
  query,
  page,
  onPage,
  filtered,
  emptyMessage,
  label,
  showUnit = true,
}: {
  query: UseQueryResult<Page<Practice>>;
  page: number;
  onPage: (page: number) => void;
  filtered: boolean;
  emptyMessage?: string;
  label: string;
  showUnit?: boolean;
}) {
  const { t } = useTranslation();
  const fieldName = useFieldNames();
  const narrow = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });

  const columns: Column<Practice>[] = [
    {
      key: "title",
      header: t("practices.titleField"),
      render: (practice) => (
        <Group wrap="nowrap" gap="sm">
          <CoverThumb practice={practice} size={44} />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <PracticeTitleLink practice={practice} />
            {practice.person && (
              <Text size="xs" c="dimmed">
                {practice.person.fullName}
              </Text>
            )}
          </Stack>
        </Group>
      ),
    },
    ...(showUnit ? [{ key: "unit", header: t("practices.unit"), render: (p: Practice) => p.unit.name }] : []),
    { key: "field", header: t("practices.field"), render: (p) => fieldName(p.field) },
    {
      key: "status",
      header: t("practices.status"),
      render: (p) => (
        <Stack gap={4}>
          <Group gap={4} wrap="wrap">
            <PracticeStatusBadge status={p.status} size="sm" />
            {p.isPublic && <PublicBadge size="sm" />}
          </Group>
          <Text size="xs" c="dimmed">
            {standingNote(t, p)}
          </Text>
        </Stack>
      ),
    },
    {
      key: "registeredOn",
      header: t("practices.registeredOn"),
      nowrap: true,
      render: (p) => formatDate(p.registeredOn),
    },
    {
      key: "adoptions",
      header: t("practices.adoptionsShort"),
      nowrap: true,
      render: (p) => String(p.adoptionCount),
    },
  ];

  if (query.isPending) return <ListSkeleton />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.items.length === 0)
    return <EmptyList message={filtered ? t("common.noMatches") : (emptyMessage ?? t("practices.empty"))} />;
  return (
    <Stack style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isPlaceholderData}>
      {narrow ? (
        <BareList gap="sm" aria-label={label}>
          {query.data.items.map((practice) => (
            <PracticeCard key={practice.id} practice={practice} />
          ))}
        </BareList>
      ) : (
        <DataTable
          label={label}
          rows={query.data.items}
          columns={columns}
          rowKey={(practice) => practice.id}
          cardTitle={(practice) => <PracticeTitleLink practice={practice} />}
          minWidth={showUnit ? 900 : 760}
        />
      )}
      <Pager page={page} of={query.data} onChange={onPage} />
    </Stack>
  );
}
