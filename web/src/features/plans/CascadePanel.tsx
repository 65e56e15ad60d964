import { Anchor, Badge, Group, Progress, Stack, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Column, DataTable } from "../../components/DataTable";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { formatDate } from "../../lib/format";
import type { PlanCascade } from "./api";
import { ProgressCell } from "./PlanBits";

type Row = PlanCascade["units"][number];

/** The parent's view: which units directly below have issued their plan from this one, and how their inherited tasks progress. */
export function CascadePanel({ cascade }: { cascade: UseQueryResult<PlanCascade> }) {
  const { t } = useTranslation();
  if (cascade.isPending) return <ListSkeleton rows={3} />;
  if (cascade.isError) return <ErrorAlert error={cascade.error} onRetry={() => cascade.refetch()} />;
  const { units, issued, total } = cascade.data;
  if (total === 0) return <EmptyList message={t("plans.cascade.noUnits")} />;

  const columns: Column<Row>[] = [
    { key: "unit", header: t("plans.cascade.unit"), hideInCard: true, render: (row) => row.unit.name },
    {
      key: "plan",
      header: t("plans.cascade.plan"),
      render: (row) =>
        row.plan ? (
          <Stack gap={2} align="flex-start">
            <Badge variant="light" color={row.plan.status === "issued" ? "teal" : "yellow"}>
              {row.plan.status === "issued" ? t("plans.cascade.issued") : t("plans.cascade.drafting")}
            </Badge>
            <Anchor component={Link} to={`/plans/${row.plan.id}`} size="sm">
              {row.plan.number
                ? t("plans.cascade.numberOn", {
                    number: row.plan.number,
                    date: formatDate(row.plan.issuedOn),
                  })
                : t("plans.cascade.openDraft")}
            </Anchor>
          </Stack>
        ) : (
          <Badge variant="light" color="red">
            {t("plans.cascade.notStarted")}
          </Badge>
        ),
    },
    {
      key: "tasks",
      header: t("plans.cascade.tasks"),
      render: (row) =>
        row.plan ? t("plans.cascade.tasksSummary", { done: row.tasks.done, total: row.tasks.total }) : "",
    },
    {
      key: "overdue",
      header: t("plans.cascade.overdue"),
      nowrap: true,
      render: (row) =>
        row.tasks.overdue > 0 ? (
          <Text c="red" fw={600} size="sm">
            {row.tasks.overdue}
          </Text>
        ) : row.plan ? (
          "0"
        ) : (
          ""
        ),
    },
    {
      key: "progress",
      header: t("plans.cascade.progress"),
      render: (row) =>
        row.plan && row.tasks.total > 0 ? (
          <ProgressCell
            value={row.tasks.progress}
            label={t("plans.cascade.progressOf", { unit: row.unit.name })}
          />
        ) : (
          ""
        ),
    },
  ];

  const share = Math.round((issued / total) * 100);
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="nowrap">
        <Progress
          value={share}
          size="lg"
          color="teal"
          style={{ flex: 1 }}
          aria-label={t("plans.cascade.issuedShare")}
        />
        <Text size="sm" fw={600} role="status">
          {t("plans.cascade.issuedCount", { issued, total })}
        </Text>
      </Group>
      <DataTable
        label={t("plans.cascade.title")}
        rows={units}
        columns={columns}
        rowKey={(row) => row.unit.id}
        cardTitle={(row) => row.unit.name}
        minWidth={760}
      />
    </Stack>
  );
}
