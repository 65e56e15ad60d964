import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { IconDownload, IconSend } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { AppModal, FormActions } from "../../components/AppModal";
import { ConfirmModal } from "../../components/ConfirmModal";
import { ErrorAlert, PageLoader } from "../../components/ListStates";
import { notifyError, notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { QueryFailure } from "../../components/QueryFailure";
import { isApiError } from "../../lib/api";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format";
import {
  downloadReport,
  type ReportDetail,
  useReport,
  useReviewReport,
  useSaveReport,
  useSubmitReport,
  useVersions,
} from "./api";
import { ReportStatusBadge, TimelinessBadge } from "./bits";

/** One report: its narrative, its figures (live or frozen), submission, review, downloads, versions. */
export function ReportPage() {
  const { id = "" } = useParams();
  const report = useReport(id);
  if (report.isPending) return <PageLoader />;
  if (report.isError) return <QueryFailure query={report} />;
  return (
    <ReportView
      key={`${report.data.id}-${report.data.version}`}
      report={report.data}
      reload={() => report.refetch()}
    />
  );
}

function ReportView({ report, reload }: { report: ReportDetail; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const num = (value: number) => formatNumber(value, i18n.language);
  const editable = report.allowedActions.includes("update");
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(report.sections.map((s) => [s.key, s.text])),
  );
  const [values, setValues] = useState<Record<string, number | null>>(() =>
    Object.fromEntries(report.figures.manual.map((m) => [m.key, m.own])),
  );
  const [dirty, setDirty] = useState(false);
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const [confirmAccept, setConfirmAccept] = useState(false);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | undefined>();
  const save = useSaveReport(report.id);
  const submit = useSubmitReport(report.id);
  const review = useReviewReport(report.id);
  const conflict = isApiError(save.error) && save.error.status === 409;
  const differences = new Map(
    report.differences.filter((d) => d.source === "computed").map((d) => [d.key, d]),
  );
  const subDifferences = new Map(
    report.differences.filter((d) => d.source === "subordinates").map((d) => [d.key, d]),
  );

  const body = () => ({ version: report.version, sections: texts, manualValues: values });
  const onSave = () =>
    save.mutate(body(), {
      onSuccess: () => notifySuccess(t("reports.report.saved")),
    });
  const onSubmit = async () => {
    try {
      if (dirty && editable) await save.mutateAsync(body());
      await submit.mutateAsync(undefined);
      setConfirmSubmit(false);
      notifySuccess(t("reports.report.submitted"));
    } catch {
      // shown in the dialog
    }
  };
  const download = (ext: "docx" | "xlsx") =>
    downloadReport(report, ext).catch(() => notifyError(t("reports.report.downloadFailed")));

  return (
    <Stack maw={1100}>
      <PageHeader
        title={report.request.title}
        description={`${report.unit.name} · ${formatDate(report.request.periodStart)} – ${formatDate(report.request.periodEnd)} · ${t("reports.columns.due")}: ${formatDate(report.request.dueOn)}`}
        actions={
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconDownload size={18} />}
              onClick={() => download("docx")}
            >
              {t("reports.report.docx")}
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload size={18} />}
              onClick={() => download("xlsx")}
            >
              {t("reports.report.xlsx")}
            </Button>
          </Group>
        }
      />
      <Group gap="xs" wrap="wrap">
        {report.role === "consolidation" ? (
          <Badge variant="light" color="grape">
            {t("reports.report.consolidation")}
          </Badge>
        ) : (
          <ReportStatusBadge status={report.status} />
        )}
        <TimelinessBadge timeliness={report.timeliness} overdue={report.overdue} />
        {report.number && (
          <Text size="sm" fw={500}>
            {t("reports.report.number", { number: report.number })}
          </Text>
        )}
        <Anchor component={Link} to={`/reports/requests/${report.request.id}`} size="sm">
          {t("reports.report.toRequest")}
        </Anchor>
      </Group>
      {report.status === "returned" && report.reviewComment && (
        <Alert color="red" title={t("reports.report.returnedTitle")}>
          {report.reviewComment}
        </Alert>
      )}
      {report.foldedInto && (
        <Alert color="gray">
          {t("reports.report.folded", { unit: report.foldedInto.unit.name })}{" "}
          <Anchor component={Link} to={`/reports/${report.foldedInto.reportId}`}>
            {t("reports.report.open")}
          </Anchor>
        </Alert>
      )}
      {conflict && (
        <Alert color="orange" title={t("reports.report.conflictTitle")}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("reports.report.conflict")}</Text>
            <Button size="xs" onClick={reload}>
              {t("common.reload")}
            </Button>
          </Stack>
        </Alert>
      )}
      {save.isError && !conflict && <ErrorAlert error={save.error} />}

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="figures-title">
        <Stack>
          <Title order={2} size="h4" id="figures-title">
            {t("reports.report.figures")}
          </Title>
          <Text size="sm" c="dimmed">
            {report.figures.frozen
              ? t("reports.report.frozenAt", { at: formatDateTime(report.figures.at) })
              : t("reports.report.liveAt", { at: formatDateTime(report.figures.at) })}
          </Text>
          {report.differences.length > 0 && (
            <Alert color="yellow" role="status">
              {t("reports.report.differences", { count: report.differences.length })}
            </Alert>
          )}
          {report.figures.computed.length > 0 && (
            <div style={{ overflowX: "auto" }}>
              <Table striped aria-label={t("reports.report.computed")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("reports.report.metric")}</Table.Th>
                    <Table.Th ta="right">{t("reports.report.value")}</Table.Th>
                    {report.figures.frozen && <Table.Th ta="right">{t("reports.report.today")}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.figures.computed.map((f) => {
                    const d = differences.get(f.key);
                    return (
                      <Table.Tr key={f.key} bg={d ? "var(--mantine-color-yellow-light)" : undefined}>
                        <Table.Td>{f.label}</Table.Td>
                        <Table.Td ta="right">{num(f.value)}</Table.Td>
                        {report.figures.frozen && (
                          <Table.Td ta="right" fw={d ? 700 : undefined}>
                            {d ? num(d.current) : "="}
                          </Table.Td>
                        )}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </div>
          )}
          {report.figures.manual.length > 0 && (
            <div style={{ overflowX: "auto" }}>
              <Table striped aria-label={t("reports.report.manual")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("reports.report.metric")}</Table.Th>
                    <Table.Th>{t("reports.report.own")}</Table.Th>
                    <Table.Th ta="right">{t("reports.report.subordinates")}</Table.Th>
                    <Table.Th ta="right">{t("reports.report.total")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.figures.manual.map((m) => {
                    const d = subDifferences.get(m.key);
                    const label = m.unit ? `${m.label} (${m.unit})` : m.label;
                    return (
                      <Table.Tr key={m.key} bg={d ? "var(--mantine-color-yellow-light)" : undefined}>
                        <Table.Td>{label}</Table.Td>
                        <Table.Td>
                          {editable ? (
                            <NumberInput
                              aria-label={label}
                              value={values[m.key] ?? ""}
                              onChange={(v) => {
                                setDirty(true);
                                setValues((all) => ({ ...all, [m.key]: typeof v === "number" ? v : null }));
                              }}
                              min={0}
                              w={130}
                              thousandSeparator="."
                              decimalSeparator=","
                            />
                          ) : m.own === null ? (
                            "—"
                          ) : (
                            num(m.own)
                          )}
                        </Table.Td>
                        <Table.Td ta="right">
                          {num(m.subordinates)}
                          {d ? ` → ${num(d.current)}` : ""}
                        </Table.Td>
                        <Table.Td ta="right">{num(m.total)}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </Stack>
      </Paper>

      {report.consolidation && (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="units-title">
          <Stack>
            <Title order={2} size="h4" id="units-title">
              {t("reports.report.perUnit")}
            </Title>
            <div style={{ overflowX: "auto" }}>
              <Table striped aria-label={t("reports.report.perUnit")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("reports.columns.unit")}</Table.Th>
                    <Table.Th>{t("reports.columns.status")}</Table.Th>
                    {report.figures.computed.map((f) => (
                      <Table.Th key={f.key} ta="right">
                        {f.label}
                      </Table.Th>
                    ))}
                    {report.figures.manual.map((m) => (
                      <Table.Th key={m.key} ta="right">
                        {m.label}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.consolidation.units.map((u) => (
                    <Table.Tr key={u.unit.id}>
                      <Table.Td>
                        {u.report ? (
                          <Anchor component={Link} to={`/reports/${u.report.id}`}>
                            {u.unit.name}
                          </Anchor>
                        ) : (
                          u.unit.name
                        )}
                      </Table.Td>
                      <Table.Td>
                        {u.report ? (
                          <ReportStatusBadge status={u.report.status} />
                        ) : (
                          t("reports.report.reportedOf", { done: u.onTime + u.late, total: u.total })
                        )}
                      </Table.Td>
                      {report.figures.computed.map((f) => (
                        <Table.Td key={f.key} ta="right">
                          {num(u.computed[f.key] ?? 0)}
                        </Table.Td>
                      ))}
                      {report.figures.manual.map((m) => (
                        <Table.Td key={m.key} ta="right">
                          {num(u.manual[m.key] ?? 0)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          </Stack>
        </Paper>
      )}

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="sections-title">
        <Stack>
          <Title order={2} size="h4" id="sections-title">
            {t("reports.report.narrative")}
          </Title>
          {report.sections.map((s, i) => (
            <Textarea
              key={s.key}
              label={`${i + 1}. ${s.title}`}
              value={texts[s.key] ?? ""}
              readOnly={!editable}
              autosize
              minRows={editable ? 3 : 1}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDirty(true);
                setTexts((all) => ({ ...all, [s.key]: value }));
              }}
            />
          ))}
        </Stack>
      </Paper>

      <Group gap="sm" wrap="wrap">
        {editable && (
          <Button variant="default" onClick={onSave} loading={save.isPending} disabled={!dirty}>
            {t("reports.report.save")}
          </Button>
        )}
        {report.allowedActions.includes("submit") && (
          <Button leftSection={<IconSend size={18} />} onClick={() => setConfirmSubmit(true)}>
            {t("reports.report.submit")}
          </Button>
        )}
        {report.allowedActions.includes("review") && (
          <>
            <Button color="green" onClick={() => setConfirmAccept(true)}>
              {t("reports.report.accept")}
            </Button>
            <Button color="red" variant="light" onClick={() => setReturning(true)}>
              {t("reports.report.return")}
            </Button>
          </>
        )}
      </Group>

      <Versions id={report.id} />

      <ConfirmModal
        opened={confirmSubmit}
        onClose={() => setConfirmSubmit(false)}
        title={t("reports.report.submitTitle")}
        message={t("reports.report.submitMessage")}
        confirmLabel={t("reports.report.submit")}
        color="blue"
        loading={save.isPending || submit.isPending}
        error={submit.error ?? save.error}
        onConfirm={onSubmit}
      />
      <ConfirmModal
        opened={confirmAccept}
        onClose={() => setConfirmAccept(false)}
        title={t("reports.report.acceptTitle")}
        message={t("reports.report.acceptMessage", { unit: report.unit.name })}
        confirmLabel={t("reports.report.accept")}
        color="green"
        loading={review.isPending}
        error={review.error}
        onConfirm={() =>
          review.mutate(
            { decision: "accept", comment: "" },
            {
              onSuccess: () => {
                setConfirmAccept(false);
                notifySuccess(t("reports.report.accepted"));
              },
            },
          )
        }
      />
      <AppModal
        opened={returning}
        onClose={() => setReturning(false)}
        title={t("reports.report.returnTitle")}
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!comment.trim()) {
              setCommentError(t("reports.form.required"));
              return;
            }
            review.mutate(
              { decision: "return", comment: comment.trim() },
              {
                onSuccess: () => {
                  setReturning(false);
                  notifySuccess(t("reports.report.returned"));
                },
              },
            );
          }}
        >
          <Stack>
            <Textarea
              label={t("reports.report.comment")}
              value={comment}
              onChange={(e) => {
                setComment(e.currentTarget.value);
                setCommentError(undefined);
              }}
              error={commentError}
              required
              autosize
              minRows={3}
              data-autofocus
            />
            {review.isError && <ErrorAlert error={review.error} />}
            <FormActions
              onCancel={() => setReturning(false)}
              pending={review.isPending}
              cancelDisabled={false}
              color="red"
              submitLabel={t("reports.report.returnConfirm")}
            />
          </Stack>
        </form>
      </AppModal>
    </Stack>
  );
}

const EVENTS = ["update", "submit", "accept", "return", "fold"] as const;

function Versions({ id }: { id: string }) {
  const { t } = useTranslation();
  const versions = useVersions(id);
  const eventLabel = (event: string) => {
    const name = event.replace(/^report\./, "");
    return (EVENTS as readonly string[]).includes(name)
      ? t(`reports.events.${name as (typeof EVENTS)[number]}`)
      : event;
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="versions-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="versions-title">
          {t("reports.report.versions")}
        </Title>
        {versions.isError && <ErrorAlert error={versions.error} />}
        <Stack gap={4} component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {(versions.data ?? []).map((v) => (
            <li key={v.version}>
              <Group gap="xs" wrap="wrap">
                <Text size="sm" fw={500}>
                  v{v.version}
                </Text>
                <Text size="sm">{eventLabel(v.event)}</Text>
                <ReportStatusBadge status={v.status} />
                <Text size="sm">{formatDateTime(v.at)}</Text>
                {v.actor && (
                  <Text size="sm" c="dimmed">
                    {v.actor.name}
                  </Text>
                )}
                {v.comment && <Text size="sm">“{v.comment}”</Text>}
              </Group>
            </li>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
