import { Alert, Button, Group, Progress, Stack, Text } from "@mantine/core";
import { IconAlertCircle, IconCircleCheck, IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../components/AppModal";
import { notifyError } from "../../components/notify";
import { isApiError } from "../../lib/api";
import { formatNumber } from "../../lib/format";
import { isFinished, type Job, useJob } from "../jobs/api";
import {
  DIRECT_EXPORT_MAX_ROWS,
  exportPeople,
  type PeopleExportResult,
  type PeopleFilters,
  startPeopleExport,
} from "./api";

/** A size in kB or MB, the way the UI language writes numbers. */
function formatSize(bytes: number, lang: string) {
  return bytes >= 1_048_576
    ? `${formatNumber(Math.round((bytes / 1_048_576) * 10) / 10, lang)} MB`
    : `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang)} kB`;
}

/** The running job of another export of this user, named by a 409's details. */
function runningJobOf(error: unknown): string | null {
  if (!isApiError(error, "STATE_CONFLICT")) return null;
  const details = error.details as { jobId?: unknown } | null;
  return typeof details?.jobId === "string" ? details.jobId : null;
}

/**
 * "Xuất Excel": the whole list under the filters on screen, as an .xlsx file. A list that fits a
 * direct download (at most DIRECT_EXPORT_MAX_ROWS, counted exactly) downloads at once; a longer one
 * — or one whose total is only estimated — is made on the server as a background job, whose
 * progress shows in a dialog until its file can be downloaded. The dialog may be closed meanwhile:
 * the button then shows the progress and opens it again.
 */
export function ExportButton({
  filters,
  total,
  totalIsEstimate = false,
}: {
  filters: PeopleFilters;
  /** The list's total as shown (unknown while it loads: the direct download is tried first). */
  total?: number | undefined;
  totalIsEstimate?: boolean | undefined;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [opened, setOpened] = useState(false);
  // The list's size when the export began, for "đã ghi … / …".
  const [expected, setExpected] = useState<{ total: number; estimate: boolean } | null>(null);
  const job = useJob<PeopleExportResult>(jobId);
  const status = job.data?.status;
  const running = Boolean(jobId) && !isFinished(status);
  const big = total !== undefined && (total > DIRECT_EXPORT_MAX_ROWS || totalIsEstimate);

  const startJob = async () => {
    setExpected(total !== undefined ? { total, estimate: totalIsEstimate } : null);
    try {
      const started = await startPeopleExport(filters);
      setJobId(started.jobId);
    } catch (error) {
      const other = runningJobOf(error);
      if (!other) throw error;
      // An export of this user is still running (started in another tab, or before a reload): follow it.
      setExpected(null);
      setJobId(other);
    }
    setOpened(true);
  };

  const onClick = async () => {
    if (jobId) {
      setOpened(true);
      return;
    }
    setBusy(true);
    try {
      if (big) {
        await startJob();
      } else {
        try {
          await exportPeople(filters);
        } catch (error) {
          // The list grew past the direct download's limit since it was counted: make it as a job.
          if (!isApiError(error, "EXPORT_TOO_LARGE")) throw error;
          await startJob();
        }
      }
    } catch (error) {
      notifyError(error instanceof Error ? error.message : t("errors.unknown"));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setOpened(false);
    // A finished export is done with once its dialog closes; a running one goes on.
    if (!running) setJobId(null);
  };
  const percent = Math.round((job.data?.progress ?? 0) * 100);

  return (
    <>
      <Button variant="default" leftSection={<IconDownload size={18} />} loading={busy} onClick={onClick}>
        {running
          ? t("people.exportJob.button", { percent })
          : status === "succeeded" && !opened
            ? t("people.exportJob.buttonReady")
            : t("people.export")}
      </Button>
      <AppModal opened={opened} onClose={close} title={t("people.exportJob.title")}>
        <ExportJobStatus job={job.data} pollError={job.error} expected={expected} onClose={close} />
      </AppModal>
    </>
  );
}

function ExportJobStatus({
  job,
  pollError,
  expected,
  onClose,
}: {
  job: Job<PeopleExportResult> | undefined;
  pollError: unknown;
  expected: { total: number; estimate: boolean } | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "vi";
  const fmt = (n: number) => formatNumber(n, lang);
  const percent = Math.round((job?.progress ?? 0) * 100);

  if (job?.status === "succeeded" && job.result) {
    const result = job.result;
    return (
      <Stack gap="sm">
        <Alert color="teal" icon={<IconCircleCheck />} title={t("people.exportJob.done")} role="status">
          {t("people.exportJob.doneDetail", {
            rows: fmt(result.rows),
            sheets: fmt(result.sheets.length),
            count: result.sheets.length,
            size: formatSize(result.size, lang),
          })}
        </Alert>
        <Progress value={100} size="lg" color="teal" aria-label={t("people.exportJob.progress")} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.close")}
          </Button>
          <Button
            component="a"
            href={result.url}
            download={result.fileName}
            color="teal"
            leftSection={<IconDownload size={18} />}
          >
            {t("people.exportJob.download")}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {result.fileName}
        </Text>
      </Stack>
    );
  }
  if (job?.status === "failed") {
    return (
      <Alert color="red" icon={<IconAlertCircle />} title={t("people.exportJob.failed")} role="alert">
        {job.error?.message ?? t("errors.unknown")}
      </Alert>
    );
  }
  const done = expected ? Math.round((job?.progress ?? 0) * expected.total) : null;
  return (
    <Stack gap="sm">
      {expected && (
        <Text size="sm">
          {t(expected.estimate ? "people.exportJob.introEstimate" : "people.exportJob.intro", {
            total: fmt(expected.total),
          })}
        </Text>
      )}
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {!job || job.status === "queued"
            ? t("people.exportJob.queued")
            : done !== null && expected
              ? t(expected.estimate ? "people.exportJob.runningEstimate" : "people.exportJob.running", {
                  done: fmt(done),
                  total: fmt(expected.total),
                })
              : t("people.exportJob.runningPlain")}
        </Text>
        <Text size="sm" c="dimmed" role="status" aria-live="polite">
          {percent}%
        </Text>
      </Group>
      <Progress value={percent} size="lg" striped animated aria-label={t("people.exportJob.progress")} />
      <Text size="xs" c="dimmed">
        {t("people.exportJob.background")}
      </Text>
      {pollError ? (
        <Text size="sm" c="red" role="alert">
          {pollError instanceof Error ? pollError.message : t("errors.unknown")}
        </Text>
      ) : null}
    </Stack>
  );
}
