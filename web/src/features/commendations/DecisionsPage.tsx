import { Anchor, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Column } from "../../components/DataTable";
import { PageHeader } from "../../components/PageHeader";
import { formatDate } from "../../lib/format";
import { DECISION_STATUSES, type Decision, exportDecisions, useDecisions } from "./api";
import { CommendationTabs, DecisionStatusBadge, usePeriod } from "./bits";
import { CommendationList } from "./CommendationList";

/** Quyết định khen thưởng: the user's unit's (drafts first), those published down to it, and those naming someone of its subtree. */
export function DecisionsPage() {
  const { t } = useTranslation();
  const period = usePeriod();
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
      <CommendationList
        statuses={DECISION_STATUSES}
        statusLabel={(status) => t(`commendations.decisionStatuses.${status}`)}
        statusWidth={180}
        searchPlaceholder={t("commendations.decisions.searchPlaceholder")}
        useList={useDecisions}
        exportList={exportDecisions}
        columns={columns}
        cardTitle={(d) => <DecisionLink decision={d} />}
        listLabel={t("commendations.decisions.listLabel")}
        empty={t("commendations.decisions.empty")}
      />
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
