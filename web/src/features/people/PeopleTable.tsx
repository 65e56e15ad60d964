import { Anchor, Stack, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Column, DataTable } from "../../components/DataTable";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { Pager } from "../../components/Pager";
import { formatDate } from "../../lib/format";
import { PEOPLE_PAGE_SIZE, type PeoplePage, type Person } from "./api";
import { PersonStatusBadge } from "./PersonStatusBadge";
import { usePersonParam } from "./usePersonParam";

/**
 * A page of people (Vietnamese order: given name first, as the server sorts) with its loading,
 * empty and error states. A name opens the person's details.
 */
export function PeopleTable({
  query,
  page,
  onPage,
  filtered,
  showUnit = true,
}: {
  query: UseQueryResult<PeoplePage>;
  page: number;
  onPage: (page: number) => void;
  /** Whether a filter is set (an empty list then says "no matches"). */
  filtered: boolean;
  showUnit?: boolean;
}) {
  const { t } = useTranslation();
  const { hrefFor } = usePersonParam();

  const nameButton = (person: Person) => (
    <Anchor component={Link} to={hrefFor(person.id)} fw={600} style={{ overflowWrap: "anywhere" }}>
      {person.fullName}
    </Anchor>
  );

  const columns: Column<Person>[] = [
    { key: "fullName", header: t("people.fullName"), render: nameButton, hideInCard: true },
    {
      key: "gender",
      header: t("people.gender"),
      nowrap: true,
      render: (person) => (person.gender ? t(`people.genders.${person.gender}`) : ""),
    },
    { key: "birthDate", header: t("people.birthDate"), nowrap: true, render: (p) => formatDate(p.birthDate) },
    { key: "joinedOn", header: t("people.joinedOn"), nowrap: true, render: (p) => formatDate(p.joinedOn) },
    { key: "position", header: t("people.position"), render: (p) => p.position ?? "" },
    ...(showUnit ? [{ key: "unit", header: t("people.unit"), render: (p: Person) => p.unitName }] : []),
    {
      key: "status",
      header: t("people.status"),
      nowrap: true,
      render: (person) => <PersonStatusBadge status={person.status} />,
    },
  ];

  if (query.isPending) return <ListSkeleton />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.items.length === 0)
    return <EmptyList message={filtered ? t("common.noMatches") : t("people.empty")} />;
  return (
    <Stack style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isPlaceholderData}>
      <DataTable
        label={t("people.listLabel")}
        rows={query.data.items}
        columns={columns}
        rowKey={(person) => person.id}
        cardTitle={nameButton}
        minWidth={showUnit ? 900 : 760}
      />
      <Pager
        page={page}
        of={query.data}
        pageSize={query.data.pageSize || PEOPLE_PAGE_SIZE}
        onChange={onPage}
      />
      <Text size="xs" c="dimmed">
        {t("people.orderNote")}
      </Text>
    </Stack>
  );
}
