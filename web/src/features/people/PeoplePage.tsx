import { Button, Group, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { IconFileImport, IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AppModal } from "../../components/AppModal";
import { ClearFiltersButton, FilterSelect, FiltersBar } from "../../components/Filters";
import { notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { useListParams } from "../../components/useListParams";
import { useSearchText } from "../../lib/useSearchText";
import { useUnit } from "../units/api";
import { UnitSelect } from "../units/UnitSelect";
import { BulkAccountsButton } from "../users/BulkAccountsButton";
import { PERSON_STATUSES, type PeopleFilters, type PersonStatus, usePeople } from "./api";
import { ExportButton } from "./ExportButton";
import { PeopleTable } from "./PeopleTable";
import { PersonDrawer } from "./PersonDrawer";
import { PersonForm } from "./PersonForm";
import { usePersonParam } from "./usePersonParam";

function isStatus(value: string | null): value is PersonStatus {
  return PERSON_STATUSES.includes(value as PersonStatus);
}

/** Đảng viên: the registry of the caller's subtree, filtered by unit, status and name. */
export function PeoplePage() {
  const { t } = useTranslation();
  const { params, page, setFilter, setPage, clearFilters } = useListParams();
  const { text: search, setText: setSearch, committed: q } = useSearchText();
  const status = params.get("status");
  const filters: PeopleFilters = {
    unitId: params.get("unitId") ?? "",
    q,
    status: isStatus(status) ? status : "",
  };
  const people = usePeople(filters, page);
  const filterUnit = useUnit(filters.unitId || null);
  const canCreate = people.data?.allowedActions?.includes("create") ?? false;
  const [creating, setCreating] = useState(false);
  const { open } = usePersonParam();
  const filtered = Boolean(filters.unitId || filters.q || filters.status);
  const unitName = filterUnit.data?.unit.name;

  return (
    <Stack maw={1300}>
      <PageHeader
        title={t("people.title")}
        description={t("people.description")}
        actions={
          <>
            <ExportButton
              filters={filters}
              total={people.data?.total}
              totalIsEstimate={people.data?.totalIsEstimate}
            />
            <BulkAccountsButton
              unit={filters.unitId && unitName ? { id: filters.unitId, name: unitName } : null}
            />
            {canCreate && (
              <Button
                variant="default"
                component={Link}
                to={
                  filters.unitId
                    ? `/people/import?unitId=${encodeURIComponent(filters.unitId)}`
                    : "/people/import"
                }
                leftSection={<IconFileImport size={18} />}
              >
                {t("people.import")}
              </Button>
            )}
            {canCreate && (
              <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
                {t("people.create")}
              </Button>
            )}
          </>
        }
      />
      <FiltersBar label={t("people.filters")}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <UnitSelect
            label={t("people.filterUnit")}
            placeholder={t("people.allUnits")}
            clearable
            value={filters.unitId || null}
            initialUnit={filters.unitId && unitName ? { id: filters.unitId, name: unitName } : null}
            onChange={(unit) => setFilter("unitId", unit?.id ?? "")}
          />
          <FilterSelect
            label={t("people.status")}
            placeholder={t("people.allStatuses")}
            data={PERSON_STATUSES.map((value) => ({ value, label: t(`people.statuses.${value}`) }))}
            value={filters.status}
            onChange={(value) => setFilter("status", value)}
          />
          <TextInput
            type="search"
            label={t("people.search")}
            placeholder={t("people.searchPlaceholder")}
            leftSection={<IconSearch size={18} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
        </SimpleGrid>
        {filtered && (
          <Group justify="flex-end" mt="sm">
            <ClearFiltersButton
              label={t("audit.clearFilters")}
              onClick={() => {
                setSearch("");
                clearFilters();
              }}
            />
          </Group>
        )}
      </FiltersBar>
      <PeopleTable query={people} page={page} filtered={filtered} onPage={setPage} />
      <AppModal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t("people.createTitle")}
        size="lg"
      >
        {creating && (
          <PersonForm
            person={null}
            defaultUnit={filters.unitId && unitName ? { id: filters.unitId, name: unitName } : null}
            onCancel={() => setCreating(false)}
            onDone={(person) => {
              setCreating(false);
              notifySuccess(t("people.created", { name: person.fullName }));
              open(person.id);
            }}
          />
        )}
      </AppModal>
      <PersonDrawer />
    </Stack>
  );
}
