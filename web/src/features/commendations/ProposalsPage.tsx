import { Anchor, Badge, Button, Stack, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable";
import { PagedList } from "../../components/PagedList";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime } from "../../lib/format";
import { can, useCurrentUser } from "../../lib/session";
import { exportProposals, PROPOSAL_STATUSES, type Proposal, useProposalQueue, useProposals } from "./api";
import { CommendationTabs, ProposalStatusBadge, usePeriod } from "./bits";
import { CommendationList } from "./CommendationList";

/**
 * Đề nghị khen thưởng: the proposals the user's unit reads (its own and its subtree's, and those
 * waiting at or approved by it), or with `?view=queue` those waiting for its review, oldest first.
 */
export function ProposalsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const queue = params.get("view") === "queue" && can(user, "commendations.review");
  const proposer = can(user, "commendations.propose");
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
  const columns = useColumns();
  return (
    <CommendationList
      statuses={PROPOSAL_STATUSES}
      statusLabel={(status) => t(`commendations.proposalStatuses.${status}`)}
      statusWidth={170}
      searchPlaceholder={t("commendations.searchPlaceholder")}
      useList={useProposals}
      exportList={exportProposals}
      columns={columns}
      cardTitle={(p) => <ProposalLink proposal={p} />}
      listLabel={t("commendations.proposals.listLabel")}
      empty={t("commendations.proposals.empty")}
    />
  );
}

function QueueList({ page, onPage }: { page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const queue = useProposalQueue(page);
  const columns = useColumns().filter((c) => c.key !== "updatedAt");
  return (
    <PagedList query={queue} empty={t("commendations.queue.empty")} page={page} onPage={onPage}>
      {(data) => (
        <DataTable
          label={t("commendations.queue.listLabel")}
          rows={data.items}
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
      )}
    </PagedList>
  );
}
