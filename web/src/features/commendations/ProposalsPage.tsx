import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconFileSpreadsheet, IconFilterOff, IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { canAccess } from "../../app/navigation";
import { type Column, DataTable } from "../../components/DataTable";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { notifyError } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { formatDateTime } from "../../lib/format";
import { useCurrentUser } from "../../lib/session";
import { useSearchText } from "../../lib/useSearchText";
import {
  exportProposals,
  PAGE_SIZE,
  PROPOSAL_STATUSES,
  PROPOSER_ROLES,
  type Proposal,
  type ProposalFilters,
  type ProposalStatus,
  REVIEWER_ROLES,
  useForms,
  useProposalQueue,
  useProposals,
} from "./api";
import { CommendationTabs, ProposalStatusBadge, usePeriod } from "./bits";

const FIRST_YEAR = 2016;
export function yearOptions(): string[] {
  const last = new Date().getFullYear() + 1;
  return Array.from({ length: last - FIRST_YEAR + 1 }, (_, index) => String(last - index));
}
const isStatus = (value: string | null): value is ProposalStatus =>
  PROPOSAL_STATUSES.includes(value as ProposalStatus);

/**
 * Đề nghị khen thưởng: the proposals the user's unit reads (its own and its subtree's, and those
 * waiting at or approved by it), or with `?view=queue` those waiting for its review, oldest first.
 */
export function ProposalsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const queue = params.get("view") === "queue" && canAccess(user.role, REVIEWER_ROLES);
  const proposer = canAccess(user.role, PROPOSER_ROLES);
  return (
    <Stack maw={1200}>
      <PageHeader
        title={t("commendations.title")}
        description={t(queue ? "commendations.queue.description" : "commendations.proposals.description")}
        actions={
          proposer && (
            <Button component={Link} to="/commendations/proposals/new" leftSection={<IconPlus size={18} />}>
              {t("commendations.proposals.create")}
            </Button>
          )
        }
      />
      <CommendationTabs active={queue ? "queue" : "proposals"} />
      {queue ? (
        <QueueList
          page={Math.max(1, Number(params.get("page")) || 1)}
          onPage={(page) =>
            setParams((current) => {
              const next = new URLSearchParams(current);
              next.set("page", String(page));
              return next;
            })
          }
        />
      ) : (
        <ProposalList />
      )}
    </Stack>
  );
}

function useColumns(): Column<Proposal>[] {
  const { t } = useTranslation();
  const period = usePeriod();
  return [
    {
      key: "title",
      header: t("commendations.columns.title"),
      hideInCard: true,
      render: (p) => <ProposalLink proposal={p} />,
    },
    { key: "unit", header: t("commendations.columns.proposer"), render: (p) => p.unit.name },
    {
      key: "form",
      header: t("commendations.columns.form"),
      render: (p) => (
        <Stack gap={2}>
          <Text size="sm">{p.form.name}</Text>
          <Text size="xs" c="dimmed">
            {period(p.periodStart, p.periodEnd)}
          </Text>
        </Stack>
      ),
    },
    {
      key: "recipients",
      header: t("commendations.columns.recipients"),
      render: (p) => (
        <Stack gap={2}>
          <Text size="sm">
            {t("commendations.counts", { collectives: p.collectiveCount, individuals: p.individualCount })}
          </Text>
          {p.trimmedCount > 0 && (
            <Text size="xs" c="dimmed">
              {t("commendations.trimmedCount", { count: p.trimmedCount })}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: "status",
      header: t("commendations.columns.status"),
      render: (p) => (
        <Stack gap={2} align="flex-start">
          <ProposalStatusBadge status={p.status} />
          {p.waitingAt && (
            <Text size="xs" c="dimmed">
              {t("commendations.proposals.waitingAt", { unit: p.waitingAt.name })}
            </Text>
          )}
          {p.waitingForMe && (
            <Badge size="sm" color="red" variant="filled">
              {t("commendations.proposals.waitingForMe")}
            </Badge>
          )}
          {p.decision && (
            <Anchor component={Link} to={`/commendations/decisions/${p.decision.id}`} size="xs">
              {p.decision.symbol
                ? t("commendations.proposals.decisionNumbered", { symbol: p.decision.symbol })
                : t("commendations.proposals.decisionDraft")}
            </Anchor>
          )}
        </Stack>
      ),
    },
    {
      key: "updatedAt",
      header: t("commendations.columns.updatedAt"),
      nowrap: true,
      render: (p) => formatDateTime(p.updatedAt),
    },
  ];
}

function ProposalLink({ proposal }: { proposal: Proposal }) {
  return (
    <Anchor
      component={Link}
      to={`/commendations/proposals/${proposal.id}`}
      fw={600}
      style={{ overflowWrap: "anywhere" }}
    >
      {proposal.title}
    </Anchor>
  );
}

function ProposalList() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get("status");
  const filters: ProposalFilters = {
    status: isStatus(status) ? status : "",
    form: params.get("form") ?? "",
    year: /^\d{4}$/.test(params.get("year") ?? "") ? (params.get("year") ?? "") : "",
    q: params.get("q") ?? "",
  };
  const { text: search, setText: setSearch } = useSearchText();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const proposals = useProposals(filters, page);
  const forms = useForms();
  const columns = useColumns();
  const [exporting, setExporting] = useState(false);
  const filtered = Boolean(filters.status || filters.form || filters.year || filters.q);

  function setFilter(key: keyof ProposalFilters | "page", value: string) {
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
  }

  return (
    <>
      <Paper withBorder p="sm" radius="md" component="section" aria-label={t("commendations.filters")}>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t("commendations.search")}
            placeholder={t("commendations.searchPlaceholder")}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={{ base: "100%", xs: 260 }}
          />
          <Select
            label={t("commendations.columns.status")}
            placeholder={t("commendations.allStatuses")}
            data={PROPOSAL_STATUSES.map((value) => ({
              value,
              label: t(`commendations.proposalStatuses.${value}`),
            }))}
            value={filters.status || null}
            onChange={(value) => setFilter("status", value ?? "")}
            clearable
            w={{ base: "100%", xs: 170 }}
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
                await exportProposals(filters);
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
      {proposals.isPending ? (
        <ListSkeleton />
      ) : proposals.isError ? (
        <ErrorAlert error={proposals.error} onRetry={() => proposals.refetch()} />
      ) : proposals.data.items.length === 0 ? (
        <EmptyList
          message={filtered ? t("commendations.emptyFiltered") : t("commendations.proposals.empty")}
        />
      ) : (
        <>
          <DataTable
            label={t("commendations.proposals.listLabel")}
            rows={proposals.data.items}
            columns={columns}
            rowKey={(p) => p.id}
            cardTitle={(p) => <ProposalLink proposal={p} />}
            minWidth={900}
          />
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={proposals.data.total}
            estimate={proposals.data.totalIsEstimate}
            onChange={(next) => setFilter("page", String(next))}
          />
        </>
      )}
    </>
  );
}

function QueueList({ page, onPage }: { page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const queue = useProposalQueue(page);
  const columns = useColumns().filter((c) => c.key !== "updatedAt");
  if (queue.isPending) return <ListSkeleton />;
  if (queue.isError) return <ErrorAlert error={queue.error} onRetry={() => queue.refetch()} />;
  if (queue.data.items.length === 0) return <EmptyList message={t("commendations.queue.empty")} />;
  return (
    <>
      <DataTable
        label={t("commendations.queue.listLabel")}
        rows={queue.data.items}
        columns={[
          ...columns,
          {
            key: "since",
            header: t("commendations.columns.waitingSince"),
            nowrap: true,
            render: (p) => formatDateTime(p.waitingSince),
          },
        ]}
        rowKey={(p) => p.id}
        cardTitle={(p) => <ProposalLink proposal={p} />}
        minWidth={900}
      />
      <Pager
        page={page}
        pageSize={PAGE_SIZE}
        total={queue.data.total}
        estimate={queue.data.totalIsEstimate}
        onChange={onPage}
      />
    </>
  );
}
