import { Anchor, Button, Group, Paper, Stack, Table, Tabs, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { formatDate } from "../../lib/format";
import { can, useCurrentUser } from "../../lib/session";
import { PAGE_SIZE, type RequestScope, useRequests } from "./api";
import { ReportStatusBadge, TimelinessBadge } from "./bits";
import { SchedulesPanel } from "./SchedulesPanel";

type Tab = RequestScope | "schedules";

/**
 * Báo cáo: the requests the unit issued, those it must report on (with its report's status), and
 * — for those who issue them — its recurring schedules.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const issuer = can(user, "reports.request");
  const [params, setParams] = useSearchParams();
  const asked = params.get("tab");
  const tab: Tab =
    asked === "received" ? "received" : asked === "schedules" && issuer ? "schedules" : "issued";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const setPage = (p: number) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set("page", String(p));
      return next;
    });

  return (
    <Stack maw={1200}>
      <PageHeader
        title={t("reports.title")}
        description={t("reports.pageDescription")}
        actions={
          tab === "schedules" ? (
            <Button component={Link} to="/reports/schedules/new" leftSection={<IconPlus size={18} />}>
              {t("reports.schedules.new")}
            </Button>
          ) : (
            <Button component={Link} to="/reports/requests/new" leftSection={<IconPlus size={18} />}>
              {t("reports.newRequest")}
            </Button>
          )
        }
      />
      <Tabs
        value={tab}
        onChange={(value) =>
          setParams(value === "received" || value === "schedules" ? { tab: value } : {}, { replace: true })
        }
      >
        <Tabs.List>
          <Tabs.Tab value="issued">{t("reports.tabs.issued")}</Tabs.Tab>
          <Tabs.Tab value="received">{t("reports.tabs.received")}</Tabs.Tab>
          {issuer && <Tabs.Tab value="schedules">{t("reports.tabs.schedules")}</Tabs.Tab>}
        </Tabs.List>
      </Tabs>
      {tab === "schedules" ? (
        <SchedulesPanel page={page} onPage={setPage} />
      ) : (
        <RequestList scope={tab} page={page} onPage={setPage} />
      )}
    </Stack>
  );
}

function RequestList({
  scope,
  page,
  onPage,
}: {
  scope: RequestScope;
  page: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const requests = useRequests(scope, page);
  const items = requests.data?.items ?? [];

  return (
    <>
      {requests.isPending ? (
        <ListSkeleton />
      ) : requests.isError ? (
        <ErrorAlert error={requests.error} onRetry={() => requests.refetch()} />
      ) : items.length === 0 ? (
        <EmptyList message={t(scope === "issued" ? "reports.emptyIssued" : "reports.emptyReceived")} />
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: "auto" }}>
          <Table striped aria-label={t(`reports.tabs.${scope}`)}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("reports.columns.title")}</Table.Th>
                <Table.Th>{t("reports.columns.unit")}</Table.Th>
                <Table.Th>{t("reports.columns.due")}</Table.Th>
                <Table.Th>
                  {scope === "issued" ? t("reports.columns.targets") : t("reports.columns.myReport")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    {scope === "received" && r.myReport ? (
                      <Anchor component={Link} to={`/reports/${r.myReport.id}`}>
                        {r.title}
                      </Anchor>
                    ) : (
                      <Anchor component={Link} to={`/reports/requests/${r.id}`}>
                        {r.title}
                      </Anchor>
                    )}
                    <Text size="xs" c="dimmed">
                      {t(`reports.kinds.${r.kind}`)} · {formatDate(r.periodStart)} – {formatDate(r.periodEnd)}
                      {r.status === "cancelled" ? ` · ${t("reports.cancelled")}` : ""}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.unit.name}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm" c={r.pastDue ? "red" : undefined}>
                      {formatDate(r.dueOn)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {scope === "issued" ? (
                      t("reports.targetCount", { count: r.targetCount })
                    ) : r.myReport ? (
                      <Group gap={4}>
                        <ReportStatusBadge status={r.myReport.status} />
                        <TimelinessBadge
                          timeliness={r.myReport.timeliness}
                          overdue={r.pastDue && !r.myReport.timeliness}
                        />
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {requests.data && <Pager page={page} of={requests.data} pageSize={PAGE_SIZE} onChange={onPage} />}
    </>
  );
}
