import { Badge, Button, Stack, Text } from "@mantine/core";
import { IconPlayerPlay, IconPlayerStop } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { type Column, DataTable } from "../../components/DataTable";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { notifyError, notifySuccess } from "../../components/notify";
import { Pager } from "../../components/Pager";
import { isApiError } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { PAGE_SIZE, type ReportSchedule, useMetrics, useSchedules, useSetScheduleActive } from "./api";

/**
 * Lịch báo cáo định kỳ: the recurring requests of the caller's subtree, with the next period each
 * will request. A schedule is stopped rather than deleted (the requests it made keep pointing at
 * it); a stopped one can be started again.
 */
export function SchedulesPanel({ page, onPage }: { page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const schedules = useSchedules(page);
  const metrics = useMetrics();
  const stop = useSetScheduleActive();
  const resume = useSetScheduleActive();
  const [stoppingId, setStoppingId] = useState<string | null>(null);
  const items = schedules.data?.items ?? [];
  // Looked up in the list as it is now: after a conflict the list reloads with the current version.
  const stopping = items.find((s) => s.id === stoppingId && s.active) ?? null;
  const stopConflict = isApiError(stop.error, "VERSION_CONFLICT");
  const labels = new Map((metrics.data ?? []).map((m) => [m.key, m.label]));

  const closeStop = () => {
    setStoppingId(null);
    stop.reset();
  };

  const columns: Column<ReportSchedule>[] = [
    {
      key: "title",
      header: t("reports.schedules.columns.title"),
      hideInCard: true,
      render: (s) => <ScheduleTitle schedule={s} />,
    },
    {
      key: "unit",
      header: t("reports.columns.unit"),
      render: (s) => s.unit.name,
    },
    {
      key: "recurrence",
      header: t("reports.schedules.columns.recurrence"),
      nowrap: true,
      render: (s) => t(`reports.recurrences.${s.recurrence}`),
    },
    {
      key: "next",
      header: t("reports.schedules.columns.next"),
      render: (s) =>
        !s.active ? (
          <Badge variant="light" color="gray">
            {t("reports.schedules.stopped")}
          </Badge>
        ) : s.next ? (
          <Stack gap={2}>
            <Text size="sm">
              {formatDate(s.next.periodStart)} – {formatDate(s.next.periodEnd)}
            </Text>
            <Text size="xs" c="dimmed">
              {t("reports.schedules.nextDates", {
                created: formatDate(s.next.createdOn),
                due: formatDate(s.next.dueOn),
              })}
            </Text>
          </Stack>
        ) : (
          "—"
        ),
    },
    {
      key: "targets",
      header: t("reports.columns.targets"),
      render: (s) =>
        s.targets.picked
          ? t("reports.schedules.pickedUnits")
          : (s.targets.levels ?? [])
              .map((l) => t(`reports.form.levels.${l}` as "reports.form.levels.1", String(l)))
              .join(", "),
    },
    {
      key: "metrics",
      header: t("reports.schedules.columns.metrics"),
      render: (s) => {
        const names = [
          ...s.metrics.map((key) => labels.get(key) ?? key),
          ...s.manualMetrics.map((m) => m.label),
        ];
        return names.length > 0 ? names.join("; ") : t("reports.schedules.noMetrics");
      },
    },
  ];

  if (schedules.isPending) return <ListSkeleton />;
  if (schedules.isError) return <ErrorAlert error={schedules.error} onRetry={() => schedules.refetch()} />;
  if (items.length === 0) return <EmptyList message={t("reports.schedules.empty")} />;

  return (
    <>
      <DataTable
        label={t("reports.tabs.schedules")}
        rows={items}
        columns={columns}
        rowKey={(s) => s.id}
        cardTitle={(s) => <ScheduleTitle schedule={s} />}
        actions={(s) =>
          !s.allowedActions.includes("update") ? null : s.active ? (
            <Button
              size="xs"
              variant="light"
              style={{ flexShrink: 0 }}
              color="red"
              leftSection={<IconPlayerStop size={14} />}
              aria-label={t("reports.schedules.stopNamed", { title: s.title })}
              onClick={() => {
                stop.reset();
                setStoppingId(s.id);
              }}
            >
              {t("reports.schedules.stop")}
            </Button>
          ) : (
            <Button
              size="xs"
              variant="light"
              style={{ flexShrink: 0 }}
              leftSection={<IconPlayerPlay size={14} />}
              aria-label={t("reports.schedules.resumeNamed", { title: s.title })}
              loading={resume.isPending && resume.variables?.schedule.id === s.id}
              onClick={() =>
                resume.mutate(
                  { schedule: s, active: true },
                  {
                    onSuccess: () => notifySuccess(t("reports.schedules.resumed", { title: s.title })),
                    onError: (error) =>
                      notifyError(
                        isApiError(error, "VERSION_CONFLICT")
                          ? t("reports.schedules.conflict")
                          : error.message,
                      ),
                  },
                )
              }
            >
              {t("reports.schedules.resume")}
            </Button>
          )
        }
        minWidth={900}
      />
      <Pager page={page} of={schedules.data} pageSize={PAGE_SIZE} onChange={onPage} />
      <ConfirmModal
        opened={stopping !== null}
        onClose={closeStop}
        title={t("reports.schedules.stopTitle")}
        message={t("reports.schedules.stopMessage", { title: stopping?.title ?? "" })}
        confirmLabel={t("reports.schedules.stop")}
        loading={stop.isPending}
        error={stopConflict ? new Error(t("reports.schedules.conflict")) : stop.error}
        onConfirm={() => {
          if (!stopping) return;
          stop.mutate(
            { schedule: stopping, active: false },
            {
              onSuccess: (schedule) => {
                notifySuccess(t("reports.schedules.stoppedDone", { title: schedule.title }));
                closeStop();
              },
            },
          );
        }}
      />
    </>
  );
}

function ScheduleTitle({ schedule }: { schedule: ReportSchedule }) {
  return (
    <Text fw={600} size="sm" c={schedule.active ? undefined : "dimmed"} style={{ overflowWrap: "anywhere" }}>
      {schedule.title}
    </Text>
  );
}
