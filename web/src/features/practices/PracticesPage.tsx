import { Button, Group, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import {
  IconAdjustmentsHorizontal,
  IconDownload,
  IconFileImport,
  IconPlus,
  IconSearch,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ClearFiltersButton, FilterSelect, FiltersBar } from "../../components/Filters";
import { PageHeader } from "../../components/PageHeader";
import { useListParams } from "../../components/useListParams";
import { YearFilter } from "../../components/YearSelect";
import { can, useCurrentUser } from "../../lib/session";
import { useSearchText } from "../../lib/useSearchText";
import { useUnit, useUnitKinds } from "../units/api";
import { UnitSelect } from "../units/UnitSelect";
import {
  exportUrl,
  PRACTICE_SORTS,
  type PracticeFilters,
  type PracticeSort,
  REVIEW_STATUSES,
  type ReviewStatus,
  useFields,
  usePractices,
} from "./api";
import { PracticeList } from "./PracticeList";

const FIRST_YEAR = 2011; // Chỉ thị 03-CT/TW

function isStatus(value: string | null): value is ReviewStatus {
  return REVIEW_STATUSES.includes(value as ReviewStatus);
}
function isSort(value: string | null): value is PracticeSort {
  return PRACTICE_SORTS.includes(value as PracticeSort);
}

/** Mô hình hay: search, filters, sort and pages, kept in the address so Back and shared links keep them. */
export function PracticesPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const { params, page, setFilter, setPage, clearFilters } = useListParams();
  const { text: search, setText: setSearch, committed: q } = useSearchText();
  const status = params.get("status");
  const sort = params.get("sort");
  const filters: PracticeFilters = {
    q,
    field: params.get("field") ?? "",
    status: isStatus(status) ? status : "",
    level: params.get("level") ?? "",
    year: /^\d{4}$/.test(params.get("year") ?? "") ? (params.get("year") ?? "") : "",
    unitId: params.get("unitId") ?? "",
    scope: params.get("scope") === "mine" ? "mine" : "all",
    // Searching ranks by relevance unless another order was chosen.
    sort: isSort(sort) && (sort !== "relevance" || q) ? sort : q ? "relevance" : "recent",
  };
  const practices = usePractices(filters, page);
  const fields = useFields();
  const kinds = useUnitKinds();
  const filterUnit = useUnit(filters.unitId || null);
  const unitName = filterUnit.data?.unit.name;
  const keeper = can(user, "recognition.keep");
  const english = i18n.resolvedLanguage === "en";
  // On a phone the six pickers fold under one button (the search and the scope stay in view).
  const narrow = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = [filters.field, filters.status, filters.level, filters.year, filters.unitId].filter(
    Boolean,
  ).length;
  const filtered = Boolean(
    filters.q || filters.field || filters.status || filters.level || filters.year || filters.unitId,
  );

  return (
    <Stack maw={1300}>
      <PageHeader
        title={t("practices.title")}
        description={t("practices.pageDescription")}
        actions={
          <>
            <Button
              variant="default"
              component="a"
              href={exportUrl(filters)}
              download
              leftSection={<IconDownload size={18} />}
            >
              {t("practices.export")}
            </Button>
            {keeper && (
              <Button
                variant="default"
                component={Link}
                to="/people/import?kind=practices"
                leftSection={<IconFileImport size={18} />}
              >
                {t("practices.import")}
              </Button>
            )}
            {keeper && (
              <Button component={Link} to="/practices/new" leftSection={<IconPlus size={18} />}>
                {t("practices.create")}
              </Button>
            )}
          </>
        }
      />
      <FiltersBar label={t("practices.filters")}>
        <Stack gap="sm">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              type="search"
              label={t("practices.search")}
              placeholder={t("practices.searchPlaceholder")}
              description={t("practices.searchHint")}
              leftSection={<IconSearch size={18} />}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              style={{ flex: "1 1 260px" }}
            />
            <SegmentedControl
              aria-label={t("practices.scope")}
              value={filters.scope}
              onChange={(value) => setFilter("scope", value === "mine" ? "mine" : "")}
              data={[
                { value: "mine", label: t("practices.scopes.mine") },
                { value: "all", label: t("practices.scopes.all") },
              ]}
            />
          </Group>
          {narrow && (
            <Button
              variant="light"
              leftSection={<IconAdjustmentsHorizontal size={18} />}
              onClick={() => setFiltersOpen((open) => !open)}
              aria-expanded={filtersOpen}
              aria-controls="practice-filters"
            >
              {activeFilters > 0
                ? t("practices.moreFiltersCount", { count: activeFilters })
                : t("practices.moreFilters")}
            </Button>
          )}
          <SimpleGrid
            cols={{ base: 1, xs: 2, md: 3, lg: 6 }}
            spacing="sm"
            id="practice-filters"
            style={narrow && !filtersOpen ? { display: "none" } : undefined}
          >
            <FilterSelect
              label={t("practices.field")}
              placeholder={t("practices.allFields")}
              data={(fields.data?.items ?? []).map((field) => ({
                value: field.code,
                label: english ? field.nameEn : field.name,
              }))}
              value={filters.field}
              onChange={(value) => setFilter("field", value)}
            />
            <FilterSelect
              label={t("practices.status")}
              placeholder={t("practices.allStatuses")}
              data={REVIEW_STATUSES.map((value) => ({ value, label: t(`practices.statuses.${value}`) }))}
              value={filters.status}
              onChange={(value) => setFilter("status", value)}
            />
            <FilterSelect
              label={t("practices.level")}
              placeholder={t("practices.allLevels")}
              data={(kinds.data?.items ?? []).map((kind) => ({
                value: kind.code,
                label: english ? kind.nameEn : kind.name,
              }))}
              value={filters.level}
              onChange={(value) => setFilter("level", value)}
            />
            <YearFilter
              label={t("practices.year")}
              placeholder={t("practices.allYears")}
              first={FIRST_YEAR}
              value={filters.year}
              onChange={(value) => setFilter("year", value)}
            />
            <UnitSelect
              label={t("practices.filterUnit")}
              placeholder={t("practices.allUnits")}
              clearable
              value={filters.unitId || null}
              initialUnit={filters.unitId && unitName ? { id: filters.unitId, name: unitName } : null}
              onChange={(unit) => setFilter("unitId", unit?.id ?? "")}
            />
            <Select
              label={t("practices.sort")}
              data={PRACTICE_SORTS.filter((value) => value !== "relevance" || q).map((value) => ({
                value,
                label: t(`practices.sorts.${value}`),
              }))}
              value={filters.sort}
              onChange={(value) => setFilter("sort", value ?? "")}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          {filtered && (
            <Group justify="flex-end">
              <ClearFiltersButton
                label={t("practices.clearFilters")}
                onClick={() => {
                  setSearch("");
                  clearFilters(filters.scope === "mine" ? { scope: "mine" } : undefined);
                }}
              />
            </Group>
          )}
        </Stack>
      </FiltersBar>
      <PracticeList
        label={t("practices.listLabel")}
        query={practices}
        page={page}
        filtered={filtered}
        emptyMessage={filters.scope === "mine" ? t("practices.emptyMine") : t("practices.empty")}
        onPage={setPage}
      />
    </Stack>
  );
}
