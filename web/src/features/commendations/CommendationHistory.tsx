import { Anchor, Badge, Group, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { BareList } from "../../components/BareList";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { Pager } from "../../components/Pager";
import type { Page } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { type HistoryItem, PAGE_SIZE, usePersonCommendations, useUnitCommendations } from "./api";
import { DecisionStatusBadge, KindBadge, usePeriod } from "./bits";

function HistoryList({
  query,
  page,
  onPage,
  showName,
}: {
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data?: Page<HistoryItem> | undefined;
    refetch: () => unknown;
  };
  page: number;
  onPage: (page: number) => void;
  showName: boolean;
}) {
  const { t } = useTranslation();
  const period = usePeriod();
  if (query.isPending) return <ListSkeleton rows={3} />;
  if (query.isError || !query.data) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.items.length === 0) return <EmptyList message={t("commendations.history.empty")} />;
  return (
    <Stack gap="xs">
      <BareList gap="xs" aria-label={t("commendations.history.listLabel")}>
        {query.data.items.map((item) => (
          <Paper component="li" key={item.recipientId} withBorder radius="md" p="sm">
            <Stack gap={4}>
              <Group gap={6} wrap="wrap">
                <Text fw={600}>{item.decision.form.name}</Text>
                <Text c="dimmed" size="sm">
                  {period(item.decision.periodStart, item.decision.periodEnd)}
                </Text>
                {item.decision.status !== "issued" && <DecisionStatusBadge status={item.decision.status} />}
              </Group>
              {showName && (
                <Group gap={6}>
                  <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                    {item.name}
                  </Text>
                  <KindBadge kind={item.kind} />
                </Group>
              )}
              <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                <Anchor component={Link} to={`/commendations/decisions/${item.decision.id}`} size="sm">
                  {item.decision.symbol
                    ? t("commendations.decision.numbered", { symbol: item.decision.symbol })
                    : t("commendations.decision.draftTitle")}
                </Anchor>
                {` · ${item.decision.unit.name}`}
                {item.decision.issuedOn ? ` · ${formatDate(item.decision.issuedOn)}` : ""}
              </Text>
              {item.achievement && (
                <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                  {item.achievement}
                </Text>
              )}
              {item.links.length > 0 && (
                <Group gap={6} wrap="wrap">
                  {item.links.map((l) => (
                    <Badge key={`${l.type}-${l.id}`} variant="light" size="sm" style={{ maxWidth: "100%" }}>
                      {t(`commendations.linkTypes.${l.type}`)}: {l.title}
                    </Badge>
                  ))}
                </Group>
              )}
              <Anchor href={item.certificateUrl} download size="sm">
                {t("commendations.history.certificate")}
              </Anchor>
            </Stack>
          </Paper>
        ))}
      </BareList>
      {query.data.total > PAGE_SIZE && (
        <Pager page={page} of={query.data} pageSize={PAGE_SIZE} onChange={onPage} />
      )}
    </Stack>
  );
}

/** Khen thưởng of a person: every issued decision naming them. */
export function PersonCommendations({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const query = usePersonCommendations(personId, page);
  return (
    <Stack gap="xs" component="section" aria-labelledby={`commendations-${personId}`}>
      <Title order={3} fz="h5" id={`commendations-${personId}`}>
        {t("commendations.history.title")}
      </Title>
      <HistoryList query={query} page={page} onPage={setPage} showName={false} />
    </Stack>
  );
}

/** Khen thưởng of a unit: as a collective, or everyone commended in its subtree. */
export function UnitCommendationsTab({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<"unit" | "subtree">("unit");
  const [page, setPage] = useState(1);
  const query = useUnitCommendations(unitId, scope, page);
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t("commendations.history.scope")}
        value={scope}
        onChange={(value) => {
          setScope(value as "unit" | "subtree");
          setPage(1);
        }}
        data={[
          { value: "unit", label: t("commendations.history.scopes.unit") },
          { value: "subtree", label: t("commendations.history.scopes.subtree") },
        ]}
        maw={480}
      />
      <HistoryList query={query} page={page} onPage={setPage} showName={scope === "subtree"} />
    </Stack>
  );
}
