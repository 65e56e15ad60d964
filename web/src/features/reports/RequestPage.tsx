import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconBan, IconBell, IconCalendarEvent, IconFileReport } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { ConfirmModal } from "../../components/ConfirmModal";
import { DataTable } from "../../components/DataTable";
import { DateField } from "../../components/DateField";
import { ErrorAlert, ListSkeleton, PageLoader } from "../../components/ListStates";
import { notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { QueryFailure } from "../../components/QueryFailure";
import { fieldErrors, isApiError } from "../../lib/api";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format";
import {
  type CompletenessGroup,
  REPORT_STATUSES,
  type RemindResult,
  type ReportStatus,
  TIMELINESS_FILTERS,
  type TimelinessFilter,
  useCancelRequest,
  useCompleteness,
  useMoveDueDate,
  useRemind,
  useRequest,
  useRequestReports,
} from "./api";
import { percent, ReportStatusBadge, TimelinessBadge } from "./bits";

const STATUS_KEYS = {
  notStarted: "not_started",
  draft: "draft",
  submitted: "submitted",
  returned: "returned",
  accepted: "accepted",
} as const;

function Stat({ label, value, total }: { label: string; value: number; total: number }) {
  const { i18n } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
        <Text span size="sm" c="dimmed" ml={6}>
          {percent(value, total, i18n.language)}
        </Text>
      </Text>
    </Paper>
  );
}

/** A request: its completeness (per status, timeliness, child unit), its reports, reminders. */
export function RequestPage() {
  const { t, i18n } = useTranslation();
  const rate = (value: number) => formatNumber(value, i18n.language);
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const unitId = params.get("unitId");
  const status = (REPORT_STATUSES as readonly string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as ReportStatus)
    : "";
  const timeliness = (TIMELINESS_FILTERS as readonly string[]).includes(params.get("timeliness") ?? "")
    ? (params.get("timeliness") as TimelinessFilter)
    : "";
  const request = useRequest(id);
  const completeness = useCompleteness(id, unitId);
  const reports = useRequestReports(id, { unitId, status, timeliness }, 1);
  const remind = useRemind(id);
  const [confirming, setConfirming] = useState(false);
  const [reminded, setReminded] = useState<RemindResult | null>(null);
  const cancel = useCancelRequest(id);
  const [cancelling, setCancelling] = useState(false);
  const moveDue = useMoveDueDate(id);
  const [newDue, setNewDue] = useState<string | null>(null);
  const moveConflict = isApiError(moveDue.error) && moveDue.error.status === 409;
  const [dueError, setDueError] = useState<string | undefined>();
  const closeMoveDue = () => {
    setNewDue(null);
    setDueError(undefined);
    moveDue.reset();
  };
  // 409: someone else cancelled it (or changed it) since the page was read.
  const cancelConflict = isApiError(cancel.error) && cancel.error.status === 409;
  const closeCancel = () => {
    setCancelling(false);
    cancel.reset();
  };

  const setParam = (key: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  type ChildRow = NonNullable<typeof completeness.data>["byChild"][number];
  type ReportItem = NonNullable<typeof reports.data>["items"][number];
  /** A unit below: shows its own subtree's completeness and reports. */
  const childLink = (child: ChildRow) => (
    <Anchor component="button" type="button" onClick={() => setParam("unitId", child.unitId)}>
      {child.name}
    </Anchor>
  );
  const reportLink = (item: ReportItem) => (
    <Anchor component={Link} to={`/reports/${item.id}`}>
      {item.unit.name}
    </Anchor>
  );

  if (request.isPending) return <PageLoader />;
  if (request.isError) return <QueryFailure query={request} />;
  const r = request.data;
  const c = completeness.data;

  const statsOf = (g: CompletenessGroup) => [
    ...Object.entries(STATUS_KEYS).map(([k, s]) => ({
      label: t(`reports.status.${s}`),
      value: g.byStatus[k as keyof typeof STATUS_KEYS],
    })),
    { label: t("reports.timeliness.on_time"), value: g.onTime },
    { label: t("reports.timeliness.late"), value: g.late },
    { label: t("reports.timeliness.overdue"), value: g.overdue },
  ];

  return (
    <Stack maw={1200}>
      <PageHeader
        title={r.title}
        description={`${r.unit.name} · ${t(`reports.kinds.${r.kind}`)} · ${formatDate(r.periodStart)} – ${formatDate(r.periodEnd)} · ${t("reports.columns.due")}: ${formatDate(r.dueOn)}`}
        actions={
          <Group gap="xs">
            {r.consolidationId && (
              <Button
                component={Link}
                to={`/reports/${r.consolidationId}`}
                variant="light"
                leftSection={<IconFileReport size={18} />}
              >
                {t("reports.request.consolidated")}
              </Button>
            )}
            {r.allowedActions.includes("remind") && (
              <Button color="orange" leftSection={<IconBell size={18} />} onClick={() => setConfirming(true)}>
                {t("reports.request.remind")}
              </Button>
            )}
            {r.allowedActions.includes("edit") && (
              <Button
                variant="light"
                leftSection={<IconCalendarEvent size={18} />}
                onClick={() => {
                  moveDue.reset();
                  setNewDue(r.dueOn);
                }}
              >
                {t("reports.request.moveDue")}
              </Button>
            )}
            {r.allowedActions.includes("cancel") && (
              <Button
                color="red"
                variant="light"
                leftSection={<IconBan size={18} />}
                onClick={() => {
                  cancel.reset();
                  setCancelling(true);
                }}
              >
                {t("reports.request.cancel")}
              </Button>
            )}
          </Group>
        }
      />
      {r.status === "cancelled" && (
        <Alert color="gray">
          {r.cancelledAt
            ? t("reports.request.cancelledAt", { at: formatDateTime(r.cancelledAt) })
            : t("reports.cancelled")}
        </Alert>
      )}
      {reminded && (
        <Alert color="green" role="status" withCloseButton onClose={() => setReminded(null)}>
          {t("reports.request.remindResult", {
            late: reminded.lateUnits,
            notified: reminded.notified,
            already: reminded.alreadyReminded,
            without: reminded.withoutAccount,
          })}
        </Alert>
      )}

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="completeness-title">
        <Stack>
          <Group justify="space-between">
            <Title order={2} size="h4" id="completeness-title">
              {t("reports.request.completeness")}
              {c ? ` — ${c.unit.name}` : ""}
            </Title>
            {unitId && (
              <Button variant="subtle" size="xs" onClick={() => setParam("unitId", null)}>
                {t("reports.request.backToAll")}
              </Button>
            )}
          </Group>
          {completeness.isError && <ErrorAlert error={completeness.error} />}
          {c && (
            <>
              <Text aria-label={t("reports.request.summaryLabel")}>
                {t("reports.request.summary", {
                  reported: c.onTime + c.late,
                  total: c.total,
                  rate: rate(c.reportedRate),
                  onTimeRate: rate(c.onTimeRate),
                })}
              </Text>
              <SimpleGrid cols={{ base: 2, sm: 4, md: 8 }} spacing="xs">
                {statsOf(c).map((s) => (
                  <Stat key={s.label} label={s.label} value={s.value} total={c.total} />
                ))}
              </SimpleGrid>
              {c.byChild.length > 0 && (
                // A table on wide screens, a card per unit on phones (no sideways scrolling).
                <DataTable
                  label={t("reports.request.byChild")}
                  rows={c.byChild}
                  rowKey={(child) => child.unitId}
                  minWidth={640}
                  cardTitle={childLink}
                  columns={[
                    {
                      key: "unit",
                      header: t("reports.columns.unit"),
                      hideInCard: true,
                      render: childLink,
                    },
                    { key: "total", header: t("reports.request.total"), render: (child) => child.total },
                    {
                      key: "reported",
                      header: t("reports.request.reported"),
                      render: (child) => `${child.onTime + child.late} (${rate(child.reportedRate)}%)`,
                    },
                    {
                      key: "accepted",
                      header: t("reports.status.accepted"),
                      render: (child) => child.byStatus.accepted,
                    },
                    {
                      key: "onTime",
                      header: t("reports.timeliness.on_time"),
                      render: (child) => child.onTime,
                    },
                    { key: "late", header: t("reports.timeliness.late"), render: (child) => child.late },
                    {
                      key: "overdue",
                      header: t("reports.timeliness.overdue"),
                      render: (child) => child.overdue,
                    },
                  ]}
                />
              )}
            </>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="reports-title">
        <Stack>
          <Title order={2} size="h4" id="reports-title">
            {t("reports.request.reports")}
          </Title>
          <Group gap="sm" wrap="wrap">
            <Select
              label={t("reports.columns.status")}
              data={[
                { value: "", label: t("reports.all") },
                ...REPORT_STATUSES.map((s) => ({ value: s, label: t(`reports.status.${s}`) })),
              ]}
              value={status}
              onChange={(v) => setParam("status", v)}
              w={200}
            />
            <Select
              label={t("reports.columns.timeliness")}
              data={[
                { value: "", label: t("reports.all") },
                ...TIMELINESS_FILTERS.map((s) => ({ value: s, label: t(`reports.timeliness.${s}`) })),
              ]}
              value={timeliness}
              onChange={(v) => setParam("timeliness", v)}
              w={200}
            />
          </Group>
          {reports.isPending ? (
            <ListSkeleton />
          ) : reports.isError ? (
            <ErrorAlert error={reports.error} />
          ) : (
            <div>
              <DataTable
                label={t("reports.request.reports")}
                rows={reports.data.items}
                rowKey={(item) => item.id}
                minWidth={560}
                cardTitle={reportLink}
                columns={[
                  {
                    key: "unit",
                    header: t("reports.columns.unit"),
                    hideInCard: true,
                    render: (item) => (
                      <>
                        {reportLink(item)}
                        {item.parentName && (
                          <Text size="xs" c="dimmed">
                            {item.parentName}
                          </Text>
                        )}
                      </>
                    ),
                  },
                  {
                    key: "parent",
                    header: t("reports.columns.parent"),
                    hideInTable: true,
                    render: (item) => item.parentName,
                  },
                  {
                    key: "status",
                    header: t("reports.columns.status"),
                    render: (item) => <ReportStatusBadge status={item.status} />,
                  },
                  {
                    key: "timeliness",
                    header: t("reports.columns.timeliness"),
                    render: (item) => <TimelinessBadge timeliness={item.timeliness} overdue={item.overdue} />,
                  },
                  {
                    key: "submittedAt",
                    header: t("reports.columns.submittedAt"),
                    nowrap: true,
                    render: (item) => (item.submittedAt ? formatDateTime(item.submittedAt) : "—"),
                  },
                ]}
              />
              {reports.data.items.length === 0 && (
                <Text c="dimmed" size="sm">
                  {t("reports.noReports")}
                </Text>
              )}
              {reports.data.total > reports.data.items.length && (
                <Badge variant="light">{t("reports.request.more", { count: reports.data.total })}</Badge>
              )}
            </div>
          )}
        </Stack>
      </Paper>

      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t("reports.request.remindTitle")}
        message={t("reports.request.remindMessage")}
        confirmLabel={t("reports.request.remindConfirm")}
        color="orange"
        loading={remind.isPending}
        error={remind.error}
        onConfirm={() =>
          remind.mutate(unitId ? { unitId } : {}, {
            onSuccess: (result) => {
              setReminded(result);
              setConfirming(false);
            },
          })
        }
      />
      <ConfirmModal
        opened={newDue !== null}
        onClose={closeMoveDue}
        title={t("reports.request.moveDueTitle")}
        message={t("reports.request.moveDueMessage", { due: formatDate(r.dueOn) })}
        confirmLabel={t("reports.request.moveDueConfirm")}
        color="blue"
        loading={moveDue.isPending}
        error={moveConflict ? new Error(t("reports.request.moveDueConflict")) : moveDue.error}
        extra={
          <Stack gap="xs">
            <DateField
              label={t("reports.form.dueOn")}
              value={newDue ?? ""}
              onChange={setNewDue}
              error={dueError ?? fieldErrors(moveDue.error).dueOn}
              required
            />
            {moveConflict && (
              <Button
                variant="light"
                onClick={() => {
                  void request.refetch();
                  closeMoveDue();
                }}
              >
                {t("common.reload")}
              </Button>
            )}
          </Stack>
        }
        onConfirm={() => {
          if (!newDue) return setDueError(t("reports.form.required"));
          if (newDue < r.periodStart) return setDueError(t("reports.form.dueBeforePeriod"));
          setDueError(undefined);
          moveDue.mutate(
            { version: r.version, dueOn: newDue },
            {
              onSuccess: () => {
                notifySuccess(t("reports.request.moveDueDone", { due: formatDate(newDue) }));
                closeMoveDue();
              },
            },
          );
        }}
      />
      <ConfirmModal
        opened={cancelling}
        onClose={closeCancel}
        title={t("reports.request.cancelTitle")}
        message={t("reports.request.cancelMessage", { title: r.title })}
        confirmLabel={t("reports.request.cancelConfirm")}
        dismissLabel={t("common.back")}
        loading={cancel.isPending}
        error={cancelConflict ? new Error(t("reports.request.cancelConflict")) : cancel.error}
        extra={
          cancelConflict ? (
            <Button
              variant="light"
              onClick={() => {
                void request.refetch();
                closeCancel();
              }}
            >
              {t("common.reload")}
            </Button>
          ) : null
        }
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => {
              notifySuccess(t("reports.request.cancelled"));
              closeCancel();
            },
          })
        }
      />
    </Stack>
  );
}
