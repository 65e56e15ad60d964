import {
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconChecklist, IconPlus, IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ClearFiltersButton, FilterSelect, FiltersBar } from "../../components/Filters";
import { PageHeader } from "../../components/PageHeader";
import { useListParams } from "../../components/useListParams";
import { thisYear, YearFilter } from "../../components/YearSelect";
import { can, useCurrentUser } from "../../lib/session";
import { useSearchText } from "../../lib/useSearchText";
import { REVIEW_STATUSES, useFields, useReviewQueueCounts } from "../practices/api";
import { EXEMPLAR_KINDS, EXEMPLAR_SORTS, type ExemplarFilters, type ExemplarSort, useExemplars } from "./api";
import { ExemplarList } from "./ExemplarList";

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | "" =>
  values.includes(value as T) ? (value as T) : "";

/** Điển hình tiên tiến: the caller's subtree's nominations and every recognised exemplar, filtered and searched. */
export function ExemplarsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(`${t("exemplars.title")} · ${t("app.name")}`);
  const user = useCurrentUser();
  const { params, page, setFilter, setPage, clearFilters } = useListParams();
  const { text: search, setText: setSearch, committed: q } = useSearchText();
  const sort = oneOf(EXEMPLAR_SORTS, params.get("sort"));
  const filters: ExemplarFilters = {
    q,
    kind: oneOf(EXEMPLAR_KINDS, params.get("kind")),
    status: oneOf(REVIEW_STATUSES, params.get("status")),
    field: params.get("field") ?? "",
    year: params.get("year") ?? "",
    unitId: params.get("unitId") ?? "",
    scope: params.get("scope") === "mine" ? "mine" : "all",
    // Searching ranks by relevance unless another order is chosen.
    sort: sort || (q ? "relevance" : "recent"),
  };
  const list = useExemplars(filters, page);
  const fields = useFields();
  const reviewer = can(user, "recognition.review");
  const counts = useReviewQueueCounts(reviewer);
  const waiting = counts.data?.exemplars ?? 0;
  const english = i18n.resolvedLanguage === "en";
  const filtered = Boolean(
    filters.q ||
      filters.kind ||
      filters.status ||
      filters.field ||
      filters.year ||
      filters.unitId ||
      filters.scope === "mine",
  );

  return (
    <Stack maw={1300}>
      <PageHeader
        title={t("exemplars.title")}
        description={t("exemplars.description")}
        actions={
          <>
            {reviewer && (
              <Button
                variant="default"
                component={Link}
                to="/exemplars/queue"
                leftSection={<IconChecklist size={18} />}
                rightSection={
                  waiting > 0 ? (
                    <Badge size="sm" color="red" circle={waiting < 10} aria-hidden>
                      {waiting > 99 ? "99+" : waiting}
                    </Badge>
                  ) : undefined
                }
                aria-label={`${t("exemplars.queue.title")}${waiting > 0 ? ` (${t("exemplars.queue.badge", { count: waiting })})` : ""}`}
              >
                {t("exemplars.queue.title")}
              </Button>
            )}
            {can(user, "recognition.keep") && (
              <Button component={Link} to="/exemplars/new" leftSection={<IconPlus size={18} />}>
                {t("exemplars.create")}
              </Button>
            )}
          </>
        }
      />
      <FiltersBar label={t("exemplars.filters")}>
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <SegmentedControl
              value={filters.scope}
              onChange={(value) => setFilter("scope", value === "mine" ? "mine" : "")}
              data={[
                { value: "all", label: t("exemplars.scope.all") },
                { value: "mine", label: t("exemplars.scope.mine") },
              ]}
              aria-label={t("exemplars.scope.label")}
            />
            <Text size="sm" c="dimmed">
              {filters.scope === "mine" ? t("exemplars.scope.mineHint") : t("exemplars.scope.allHint")}
            </Text>
          </Group>
          <TextInput
            type="search"
            label={t("exemplars.search")}
            placeholder={t("exemplars.searchPlaceholder")}
            leftSection={<IconSearch size={18} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
            <FilterSelect
              label={t("exemplars.kind")}
              placeholder={t("exemplars.allKinds")}
              data={EXEMPLAR_KINDS.map((value) => ({ value, label: t(`exemplars.kinds.${value}`) }))}
              value={filters.kind}
              onChange={(value) => setFilter("kind", value)}
            />
            <FilterSelect
              label={t("exemplars.status")}
              placeholder={t("exemplars.allStatuses")}
              data={REVIEW_STATUSES.map((value) => ({ value, label: t(`exemplars.statuses.${value}`) }))}
              value={filters.status}
              onChange={(value) => setFilter("status", value)}
            />
            <FilterSelect
              label={t("exemplars.field")}
              placeholder={t("exemplars.allFields")}
              data={(fields.data?.items ?? []).map((f) => ({
                value: f.code,
                label: english ? f.nameEn : f.name,
              }))}
              value={filters.field}
              onChange={(value) => setFilter("field", value)}
            />
            <YearFilter
              label={t("exemplars.year")}
              placeholder={t("exemplars.allYears")}
              first={2016}
              last={thisYear()}
              value={filters.year}
              onChange={(value) => setFilter("year", value)}
            />
            <Select
              label={t("exemplars.sort.label")}
              data={EXEMPLAR_SORTS.filter((value) => value !== "relevance" || q).map((value) => ({
                value,
                label: t(`exemplars.sort.${value}`),
              }))}
              value={filters.sort}
              onChange={(value) => setFilter("sort", (value as ExemplarSort | null) ?? "")}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          {filtered && (
            <Group justify="flex-end">
              <ClearFiltersButton
                label={t("exemplars.clearFilters")}
                onClick={() => {
                  setSearch("");
                  clearFilters();
                }}
              />
            </Group>
          )}
        </Stack>
      </FiltersBar>
      <ExemplarList
        query={list}
        page={page}
        onPage={setPage}
        emptyMessage={filtered ? t("common.noMatches") : t("exemplars.empty")}
      />
    </Stack>
  );
}
