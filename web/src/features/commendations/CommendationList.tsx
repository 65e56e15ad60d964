import { Button, Group, TextInput } from "@mantine/core";
import { IconFileSpreadsheet, IconSearch } from "@tabler/icons-react";
import type { UseQueryResult } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../components/DataTable";
import { ClearFiltersButton, FilterSelect, FiltersBar } from "../../components/Filters";
import { notifyError } from "../../components/notify";
import { PagedList } from "../../components/PagedList";
import { useListParams, yearParam } from "../../components/useListParams";
import { YearFilter } from "../../components/YearSelect";
import type { Page } from "../../lib/api";
import { useSearchText } from "../../lib/useSearchText";
import { useForms } from "./api";

/** Commendations are counted from Chỉ thị 05-CT/TW (2016). */
export const FIRST_YEAR = 2016;

export interface CommendationFilters<Status extends string> {
  status: Status | "";
  form: string;
  year: string;
  q: string;
}

/**
 * A list of proposals or decisions: search, status, form and year kept in the address, the
 * spreadsheet of what the filters select, and the pages of the table.
 */
export function CommendationList<Row extends { id: string }, Status extends string>({
  statuses,
  statusLabel,
  statusWidth,
  searchPlaceholder,
  useList,
  exportList,
  columns,
  cardTitle,
  listLabel,
  empty,
}: {
  statuses: readonly Status[];
  statusLabel: (status: Status) => string;
  statusWidth: number;
  searchPlaceholder: string;
  useList: (filters: CommendationFilters<Status>, page: number) => UseQueryResult<Page<Row>, Error>;
  exportList: (filters: CommendationFilters<Status>) => Promise<void>;
  columns: Column<Row>[];
  cardTitle: (row: Row) => ReactNode;
  listLabel: string;
  /** What the list says when nothing is there before any filter. */
  empty: string;
}) {
  const { t } = useTranslation();
  const { params, page, setFilter, setPage, clearFilters } = useListParams();
  const status = params.get("status");
  const filters: CommendationFilters<Status> = {
    status: statuses.includes(status as Status) ? (status as Status) : "",
    form: params.get("form") ?? "",
    year: yearParam(params),
    q: params.get("q") ?? "",
  };
  const { text: search, setText: setSearch } = useSearchText();
  const list = useList(filters, page);
  const forms = useForms();
  const [exporting, setExporting] = useState(false);
  const filtered = Boolean(filters.status || filters.form || filters.year || filters.q);

  return (
    <>
      <FiltersBar label={t("commendations.filters")}>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t("commendations.search")}
            placeholder={searchPlaceholder}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={{ base: "100%", xs: 260 }}
          />
          <FilterSelect
            label={t("commendations.columns.status")}
            placeholder={t("commendations.allStatuses")}
            data={statuses.map((value) => ({ value, label: statusLabel(value) }))}
            value={filters.status}
            onChange={(value) => setFilter("status", value)}
            w={{ base: "100%", xs: statusWidth }}
          />
          <FilterSelect
            label={t("commendations.columns.form")}
            placeholder={t("commendations.allForms")}
            data={(forms.data?.items ?? []).map((f) => ({ value: f.code, label: f.name }))}
            value={filters.form}
            onChange={(value) => setFilter("form", value)}
            w={{ base: "100%", xs: 180 }}
          />
          <YearFilter
            label={t("commendations.year")}
            placeholder={t("commendations.allYears")}
            first={FIRST_YEAR}
            value={filters.year}
            onChange={(value) => setFilter("year", value)}
            w={{ base: "100%", xs: 130 }}
          />
          {filtered && (
            <ClearFiltersButton
              label={t("commendations.clearFilters")}
              iconSize={18}
              onClick={() => {
                setSearch("");
                clearFilters();
              }}
            />
          )}
          <Button
            variant="default"
            ml={{ xs: "auto" }}
            leftSection={<IconFileSpreadsheet size={18} />}
            loading={exporting}
            onClick={async () => {
              setExporting(true);
              try {
                await exportList(filters);
              } catch (error) {
                notifyError(error instanceof Error ? error.message : t("errors.unknown"));
              } finally {
                setExporting(false);
              }
            }}
          >
            {t("commendations.exportXlsx")}
          </Button>
        </Group>
      </FiltersBar>
      <PagedList
        query={list}
        empty={filtered ? t("commendations.emptyFiltered") : empty}
        page={page}
        onPage={setPage}
      >
        {(data) => (
          <DataTable
            label={listLabel}
            rows={data.items}
            columns={columns}
            rowKey={(row) => row.id}
            cardTitle={cardTitle}
            minWidth={900}
          />
        )}
      </PagedList>
    </>
  );
}
