import { Alert, Button, Group, SegmentedControl, Slider, Stack, Text, Textarea } from "@mantine/core";
import { IconAlertCircle, IconProgress } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../components/AppModal";
import { type Column, DataTable } from "../../components/DataTable";
import { notifySuccess } from "../../components/notify";
import { isApiError } from "../../lib/api";
import { formatDate } from "../../lib/format";
import {
  LIMITS,
  type PlanCascade,
  type PlanDetail,
  type PlanTask,
  TASK_STATUSES,
  type TaskStatus,
  usePlan,
  useUpdateTask,
} from "./api";
import { ProgressCell, TaskStatusBadge } from "./PlanBits";

/** The tasks of a plan; on an issued plan, their units report progress; the units above see their copies' progress below. */
export function PlanTasks({ plan, byTask }: { plan: PlanDetail; byTask: PlanCascade["byTask"] | null }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<PlanTask | null>(null);
  const below = new Map((byTask ?? []).map((b) => [b.taskId, b]));
  if (plan.tasks.length === 0) return <Text c="dimmed">{t("plans.noTasks")}</Text>;

  const columns: Column<PlanTask>[] = [
    {
      key: "content",
      header: t("plans.task.content"),
      hideInCard: true,
      render: (task) => <TaskContent task={task} plan={plan} />,
    },
    { key: "owner", header: t("plans.task.owner"), render: (task) => task.ownerUnit.name },
    {
      key: "deadline",
      header: t("plans.task.deadline"),
      nowrap: true,
      render: (task) => (task.deadline ? formatDate(task.deadline) : t("plans.task.ongoing")),
    },
    ...(plan.status === "issued"
      ? [
          {
            key: "status",
            header: t("plans.task.status"),
            nowrap: true,
            render: (task: PlanTask) => <TaskStatusBadge status={task.status} overdue={task.overdue} />,
          },
          {
            key: "progress",
            header: t("plans.task.progress"),
            render: (task: PlanTask) => (
              <ProgressCell
                value={task.progress}
                label={t("plans.task.progressOf", { task: task.content })}
              />
            ),
          },
        ]
      : []),
    ...(byTask
      ? [
          {
            key: "below",
            header: t("plans.task.below"),
            render: (task: PlanTask) => {
              const b = below.get(task.id);
              return b && b.units > 0
                ? t("plans.task.belowSummary", { units: b.units, done: b.done, progress: b.progress })
                : t("plans.task.belowNone");
            },
          },
        ]
      : []),
  ];

  return (
    <>
      <DataTable
        label={t("plans.fields.tasks")}
        rows={plan.tasks}
        columns={columns}
        rowKey={(task) => task.id}
        cardTitle={(task) => <TaskContent task={task} plan={plan} />}
        actions={(task) =>
          task.mayUpdate ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconProgress size={16} />}
              onClick={() => setEditing(task)}
              aria-label={t("plans.task.updateFor", { task: task.content })}
            >
              {t("plans.task.update")}
            </Button>
          ) : null
        }
        minWidth={860}
      />
      {editing && <TaskProgressModal planId={plan.id} task={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function TaskContent({ task, plan }: { task: PlanTask; plan: PlanDetail }) {
  const { t } = useTranslation();
  const position = plan.tasks.indexOf(task) + 1;
  return (
    <Stack gap={2}>
      <Text fw={500} style={{ overflowWrap: "anywhere" }}>
        {position}. {task.content}
      </Text>
      {task.inheritedFromId && (
        <Text size="xs" c="dimmed">
          {t("plans.task.inherited")}
        </Text>
      )}
      {task.note && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
          {task.note}
        </Text>
      )}
    </Stack>
  );
}

/** Status and progress agree (done is 100%, not started 0%): moving one moves the other. */
function TaskProgressModal({
  planId,
  task,
  onClose,
}: {
  planId: string;
  task: PlanTask;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateTask(planId);
  const plan = usePlan(planId);
  const [status, setStatus] = useState<TaskStatus>(task.status);
  const [progress, setProgress] = useState(task.progress);
  const [note, setNote] = useState(task.note);
  const conflict = isApiError(update.error, "VERSION_CONFLICT");

  const chooseStatus = (next: TaskStatus) => {
    setStatus(next);
    if (next === "done") setProgress(100);
    else if (next === "not_started") setProgress(0);
    else if (progress === 100) setProgress(90);
  };
  const chooseProgress = (next: number) => {
    setProgress(next);
    setStatus(next === 100 ? "done" : next === 0 && status !== "in_progress" ? "not_started" : "in_progress");
  };

  return (
    <AppModal opened onClose={onClose} title={t("plans.task.updateTitle")}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate(
            { taskId: task.id, version: task.version, status, progress, note },
            {
              onSuccess: () => {
                notifySuccess(t("plans.task.saved"));
                onClose();
              },
              onError: (error) => {
                if (isApiError(error, "VERSION_CONFLICT")) void plan.refetch();
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {task.content}
          </Text>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="task-status-label">
              {t("plans.task.status")}
            </Text>
            <SegmentedControl
              aria-labelledby="task-status-label"
              fullWidth
              value={status}
              onChange={(value) => chooseStatus(value as TaskStatus)}
              data={TASK_STATUSES.map((value) => ({ value, label: t(`plans.taskStatuses.${value}`) }))}
            />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="task-progress-label">
              {t("plans.task.progress")}: {progress}%
            </Text>
            <Slider
              aria-labelledby="task-progress-label"
              value={progress}
              onChange={chooseProgress}
              min={0}
              max={100}
              step={5}
              label={(value) => `${value}%`}
              marks={[{ value: 0 }, { value: 50 }, { value: 100 }]}
              mb="sm"
            />
          </Stack>
          <Textarea
            label={t("plans.task.note")}
            description={t("plans.task.noteHint")}
            autosize
            minRows={3}
            maxLength={LIMITS.item}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          {update.isError && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {conflict ? t("plans.task.conflict") : update.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={update.isPending}>
              {t("common.cancel")}
            </Button>
            {conflict ? (
              <Button onClick={onClose}>{t("common.close")}</Button>
            ) : (
              <Button type="submit" loading={update.isPending}>
                {t("common.save")}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
