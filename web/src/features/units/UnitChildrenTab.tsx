import { Anchor, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Column, DataTable } from "../../components/DataTable";
import { PagedList } from "../../components/PagedList";
import { formatNumber } from "../../lib/format";
import { type UnitItem, useKindNames, useUnitChildren } from "./api";
import { CLOSED_UNIT_COLOR, UnitStatusBadge } from "./UnitStatusBadge";

/** The unit's direct sub-units, a page at a time (a commune may have thousands), searchable. */
export function UnitChildrenTab({ unitId }: { unitId: string }) {
  const { t, i18n } = useTranslation();
  const kindName = useKindNames();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [lastQuery, setLastQuery] = useState(debounced);
  if (debounced !== lastQuery) {
    setLastQuery(debounced);
    setPage(1);
  }
  const children = useUnitChildren(unitId, { q: debounced, page });

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
    {
      key: "children",
      header: t("units.childCount"),
      nowrap: true,
      render: (unit) => formatNumber(unit.childCount, i18n.resolvedLanguage ?? "vi"),
    },
    {
      key: "status",
      header: t("units.status"),
      nowrap: true,
      render: (unit) => <UnitStatusBadge status={unit.status} size="sm" />,
    },
  ];

  return (
    <Stack>
      <TextInput
        type="search"
        label={t("units.searchChildren")}
        placeholder={t("units.searchPlaceholder")}
        leftSection={<IconSearch size={18} />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={480}
      />
      <PagedList
        query={children}
        empty={debounced ? t("common.noMatches") : t("units.noChildren")}
        page={page}
        onPage={setPage}
      >
        {(data) => (
          <DataTable
            label={t("units.childrenList")}
            rows={data.items}
            columns={columns}
            rowKey={(unit) => unit.id}
            cardTitle={nameLink}
            minWidth={720}
          />
        )}
      </PagedList>
    </Stack>
  );
}
