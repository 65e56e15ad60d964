import { Anchor, Paper, Stack, Text, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { useCurrentUser } from "../../lib/session";
import { useSearchText } from "../../lib/useSearchText";
import { UNITS_PAGE_SIZE, type UnitItem, useKindNames, useUnit, useUnitList } from "./api";
import { UnitBreadcrumb } from "./UnitBreadcrumb";
import { CLOSED_UNIT_COLOR, UnitStatusBadge } from "./UnitStatusBadge";
import { UnitTree } from "./UnitTree";

/**
 * Tổ chức: the tree of units from the caller's own unit (or from `?root=`, a branch opened from a
 * unit page), and a search over the whole subtree whose results open the unit pages.
 */
export function OrganisationPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const rootId = params.get("root") || user.unitId;
  const { text: search, setText: setSearch, committed: q } = useSearchText();
  const page = Math.max(1, Number(params.get("page")) || 1);
  return (
    <Stack maw={1100}>
      <PageHeader title={t("units.title")} description={t("units.description")} />
      <TextInput
        type="search"
        label={t("units.search")}
        placeholder={t("units.searchPlaceholder")}
        leftSection={<IconSearch size={18} />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={480}
      />
      {q ? (
        <UnitSearchResults
          q={q}
          page={page}
          onPage={(value) =>
            setParams((current) => {
              const next = new URLSearchParams(current);
              next.set("page", String(value));
              return next;
            })
          }
        />
      ) : (
        <TreeFrom rootId={rootId} isOwnUnit={rootId === user.unitId} />
      )}
    </Stack>
  );
}

function TreeFrom({ rootId, isOwnUnit }: { rootId: string; isOwnUnit: boolean }) {
  const root = useUnit(rootId);
  if (root.isPending) return <ListSkeleton rows={4} />;
  if (root.isError) return <ErrorAlert error={root.error} onRetry={() => root.refetch()} />;
  const unit = root.data.unit;
  return (
    <Stack gap="sm">
      {!isOwnUnit && (
        <UnitBreadcrumb crumbs={unit.breadcrumb} linkTo={(id) => `/units?root=${encodeURIComponent(id)}`} />
      )}
      <Paper withBorder radius="md" p={{ base: 4, sm: "sm" }}>
        <UnitTree
          key={unit.id}
          root={{
            id: unit.id,
            name: unit.name,
            code: unit.code,
            status: unit.status,
            childCount: unit.childCount,
            kindCode: unit.kind?.code ?? null,
          }}
        />
      </Paper>
    </Stack>
  );
}

function UnitSearchResults({ q, page, onPage }: { q: string; page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const kindName = useKindNames();
  const results = useUnitList({ q, page });

  const nameLink = (unit: UnitItem) => (
    <Anchor
      component={Link}
      to={`/units/${unit.id}`}
      c={unit.status === "active" ? undefined : CLOSED_UNIT_COLOR}
      fw={500}
      style={{ overflowWrap: "anywhere" }}
    >
      {unit.name}
    </Anchor>
  );
  const columns: Column<UnitItem>[] = [
    { key: "name", header: t("units.name"), render: nameLink, hideInCard: true },
    {
      key: "code",
      header: t("units.code"),
      nowrap: true,
      render: (unit) =>
        unit.code ? (
          <Text span ff="monospace" size="sm">
            {unit.code}
          </Text>
        ) : null,
    },
    { key: "kind", header: t("units.kind"), render: (unit) => kindName(unit.kindCode) },
    { key: "parent", header: t("units.parent"), render: (unit) => unit.parentName ?? "" },
    {
      key: "status",
      header: t("units.status"),
      nowrap: true,
      render: (unit) => <UnitStatusBadge status={unit.status} size="sm" />,
    },
  ];

  if (results.isPending) return <ListSkeleton />;
  if (results.isError) return <ErrorAlert error={results.error} onRetry={() => results.refetch()} />;
  if (results.data.items.length === 0) return <EmptyList message={t("common.noMatches")} />;
  return (
    <Stack style={{ opacity: results.isPlaceholderData ? 0.6 : 1 }} aria-busy={results.isPlaceholderData}>
      <DataTable
        label={t("units.searchResults")}
        rows={results.data.items}
        columns={columns}
        rowKey={(unit) => unit.id}
        cardTitle={nameLink}
        minWidth={760}
      />
      <Pager
        page={page}
        of={results.data}
        pageSize={results.data.pageSize || UNITS_PAGE_SIZE}
        onChange={onPage}
      />
    </Stack>
  );
}
