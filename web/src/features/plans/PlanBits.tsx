import { Badge, Group, Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "../../components/StatusBadge";
import type { Plan, PlanStatus, TaskStatus } from "./api";

const statusColor: Record<PlanStatus, string> = { draft: "gray", issued: "teal" };
const taskColor: Record<TaskStatus, string> = { not_started: "gray", in_progress: "blue", done: "teal" };

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return <StatusBadge status={status} colors={statusColor} label={t(`plans.statuses.${status}`)} />;
}

/** The task's status, and "overdue" beside it when its deadline has passed undone. */
export function TaskStatusBadge({ status, overdue }: { status: TaskStatus; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} align="flex-start">
      <Badge variant="light" color={taskColor[status]} style={{ maxWidth: "none", minWidth: "max-content" }}>
        {t(`plans.taskStatuses.${status}`)}
      </Badge>
      {overdue && (
        <Badge variant="filled" color="red" style={{ maxWidth: "none", minWidth: "max-content" }}>
          {t("plans.overdue")}
        </Badge>
      )}
    </Stack>
  );
}

/** A progress bar with its percentage written beside it (the bar alone says nothing to a screen reader). */
export function ProgressCell({ value, label }: { value: number; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap" miw={120}>
      <Progress
        value={value}
        size="lg"
        radius="sm"
        color={value >= 100 ? "teal" : "blue"}
        style={{ flex: 1 }}
        aria-label={label}
      />
      <Text size="sm" w={42} ta="right">
        {value}%
      </Text>
    </Group>
  );
}

/** "Năm 2026" or "Nhiệm kỳ 2025–2030". */
export function usePeriodLabel() {
  const { t } = useTranslation();
  return (plan: Pick<Plan, "kind" | "term" | "year" | "startYear" | "endYear">) =>
    plan.kind === "annual"
      ? t("plans.periodYear", { year: plan.year ?? plan.startYear })
      : t("plans.periodTerm", { term: plan.term ?? `${plan.startYear}–${plan.endYear}` });
}
