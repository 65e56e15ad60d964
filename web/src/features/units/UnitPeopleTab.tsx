import { Group, Select, Stack, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PERSON_STATUSES, type PeopleFilters, type PersonStatus, usePeople } from "../people/api";
import { ExportButton } from "../people/ExportButton";
import { PeopleTable } from "../people/PeopleTable";

/** The members of the unit's whole subtree, searchable, with the same export as the people page. */
export function UnitPeopleTab({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<PersonStatus | "">("active");
  const [page, setPage] = useState(1);
  const filters: PeopleFilters = { unitId, q: debounced, status };
  const [lastFilters, setLastFilters] = useState(`${debounced}|${status}`);
  if (`${debounced}|${status}` !== lastFilters) {
    setLastFilters(`${debounced}|${status}`);
    setPage(1);
  }
  const people = usePeople(filters, page);

  return (
    <Stack>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          type="search"
          label={t("people.search")}
          placeholder={t("people.searchPlaceholder")}
          leftSection={<IconSearch size={18} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: "1 1 220px" }}
          maw={420}
        />
        <Select
          label={t("people.status")}
          placeholder={t("people.allStatuses")}
          clearable
          data={PERSON_STATUSES.map((value) => ({ value, label: t(`people.statuses.${value}`) }))}
          value={status || null}
          onChange={(value) => setStatus((value as PersonStatus | null) ?? "")}
          style={{ flex: "1 1 180px" }}
          maw={260}
          comboboxProps={{ withinPortal: true }}
        />
        <ExportButton
          filters={filters}
          total={people.data?.total}
          totalIsEstimate={people.data?.totalIsEstimate}
        />
      </Group>
      <PeopleTable
        query={people}
        page={page}
        onPage={setPage}
        filtered={Boolean(debounced || (status && status !== "active"))}
      />
    </Stack>
  );
}
