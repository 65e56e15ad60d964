import { Anchor, Button, Group, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconFileSpreadsheet, IconFilterOff, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { notifyError } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { formatDate } from "../../lib/format";
import { useSearchText } from "../../lib/useSearchText";
import {
  DECISION_STATUSES,
  type Decision,
  type DecisionFilters,
  type DecisionStatus,
  exportDecisions,
  PAGE_SIZE,
  useDecisions,
  useForms,
} from "./api";
import { CommendationTabs, DecisionStatusBadge, usePeriod } from "./bits";
import { yearOptions } from "./ProposalsPage";

const isStatus = (value: string | null): value is DecisionStatus =>
  DECISION_STATUSES.includes(value as DecisionStatus);

/** Quyết định khen thưởng: the user's unit's (drafts first), those published down to it, and those naming someone of its subtree. */
export function DecisionsPage() {
  const { t } = useTranslation();
  const period = usePeriod();
  const [params, setParams] = useSearchParams();
  const status = params.get("status");
  const filters: DecisionFilters = {
    status: isStatus(status) ? status : "",
    form: params.get("form") ?? "",
    year: /^\d{4}$/.test(params.get("year") ?? "") ? (params.get("year") ?? "") : "",
    q: params.get("q") ?? "",
  };
  const { text: search, setText: setSearch } = useSearchText();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const decisions = useDecisions(filters, page);
  const forms = useForms();
  const [exporting, setExporting] = useState(false);
  const filtered = Boolean(filters.status || filters.form || filters.year || filters.q);
  const setFilter = (key: keyof DecisionFilters | "page", value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== "page") next.delete("page");
        return next;
      },
      { replace: key !== "page" },
    );

  const columns: Column<Decision>[] = [
    {
      key: "symbol",
      header: t("commendations.columns.decision"),
      hideInCard: true,
      render: (d) => <DecisionLink decision={d} />,
    },
    { key: "unit", header: t("commendations.columns.issuer"), render: (d) => d.unit.name },
    {
      key: "form",
      header: t("commendations.columns.form"),
      render: (d) => (
        <Stack gap={2}>
          <Text size="sm">{d.form.name}</Text>
          <Text size="xs" c="dimmed">
            {period(d.periodStart, d.periodEnd)}
          </Text>
        </Stack>
      ),
    },
    {
      key: "recipients",
      header: t("commendations.columns.recipients"),
      render: (d) =>
        t("commendations.counts", { collectives: d.collectiveCount, individuals: d.individualCount }),
    },
    {
      key: "status",
      header: t("commendations.columns.status"),
      render: (d) => (
        <Stack gap={2} align="flex-start">
          <DecisionStatusBadge status={d.status} />
          {d.issuedOn && (
            <Text size="xs" c="dimmed">
              {formatDate(d.issuedOn)}
            </Text>
          )}
          {d.corrects && (
            <Text size="xs" c="dimmed">
              {t("commendations.decision.correctsShort", { symbol: d.corrects.symbol ?? "" })}
            </Text>
          )}
        </Stack>
      ),
    },
  ];

  return (
    <Stack maw={1200}>
      <PageHeader title={t("commendations.title")} description={t("commendations.decisions.description")} />
      <CommendationTabs active="decisions" />
      <Paper withBorder p="sm" radius="md" component="section" aria-label={t("commendations.filters")}>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t("commendations.search")}
            placeholder={t("commendations.decisions.searchPlaceholder")}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={{ base: "100%", xs: 260 }}
          />
          <Select
            label={t("commendations.columns.status")}
            placeholder={t("commendations.allStatuses")}
            data={DECISION_STATUSES.map((value) => ({
              value,
              label: t(`commendations.decisionStatuses.${value}`),
            }))}
            value={filters.status || null}
            onChange={(value) => setFilter("status", value ?? "")}
            clearable
            w={{ base: "100%", xs: 180 }}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t("commendations.columns.form")}
            placeholder={t("commendations.allForms")}
            data={(forms.data?.items ?? []).map((f) => ({ value: f.code, label: f.name }))}
            value={filters.form || null}
            onChange={(value) => setFilter("form", value ?? "")}
            clearable
            w={{ base: "100%", xs: 180 }}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t("commendations.year")}
            placeholder={t("commendations.allYears")}
            data={yearOptions()}
            value={filters.year || null}
            onChange={(value) => setFilter("year", value ?? "")}
            clearable
            w={{ base: "100%", xs: 130 }}
            comboboxProps={{ withinPortal: true }}
          />
          {filtered && (
            <Button
              variant="subtle"
              leftSection={<IconFilterOff size={18} />}
              onClick={() => {
                setSearch("");
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t("commendations.clearFilters")}
            </Button>
          )}
          <Button
            variant="default"
            ml={{ xs: "auto" }}
            leftSection={<IconFileSpreadsheet size={18} />}
            loading={exporting}
            onClick={async () => {
              setExporting(true);
              try {
                await exportDecisions(filters);
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
      </Paper>
      {decisions.isPending ? (
        <ListSkeleton />
      ) : decisions.isError ? (
        <ErrorAlert error={decisions.error} onRetry={() => decisions.refetch()} />
      ) : decisions.data.items.length === 0 ? (
        <EmptyList
          message={filtered ? t("commendations.emptyFiltered") : t("commendations.decisions.empty")}
        />
      ) : (
        <>
          <DataTable
            label={t("commendations.decisions.listLabel")}
            rows={decisions.data.items}
            columns={columns}
            rowKey={(d) => d.id}
            cardTitle={(d) => <DecisionLink decision={d} />}
            minWidth={900}
          />
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={decisions.data.total}
            estimate={decisions.data.totalIsEstimate}
            onChange={(next) => setFilter("page", String(next))}
          />
        </>
      )}
    </Stack>
  );
}

function DecisionLink({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Anchor
        component={Link}
        to={`/commendations/decisions/${decision.id}`}
        fw={600}
        style={{ overflowWrap: "anywhere" }}
      >
        {decision.symbol
          ? t("commendations.decision.numbered", { symbol: decision.symbol })
          : t("commendations.decision.draftTitle")}
      </Anchor>
      <Text size="sm" c="dimmed" lineClamp={2} style={{ overflowWrap: "anywhere" }}>
        {decision.summary}
      </Text>
    </Stack>
  );
}
