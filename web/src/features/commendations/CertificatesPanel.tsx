import { Alert, Anchor, Button, Group, Progress, Stack, Text } from "@mantine/core";
import { IconAlertCircle, IconDownload, IconFileCertificate, IconFileTypePdf } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { BareList } from "../../components/BareList";
import { Section } from "../../components/Section";
import { formatDateTime, formatNumber } from "../../lib/format";
import { isFinished, useJob } from "../jobs/api";
import { type CertificatesResult, type DecisionDetail, useReloadDecision, useStartCertificates } from "./api";

/** A size in kB or MB, the way the UI language writes numbers. */
function formatSize(bytes: number, lang: string) {
  return bytes >= 1_048_576
    ? `${formatNumber(Math.round((bytes / 1_048_576) * 10) / 10, lang)} MB`
    : `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang)} kB`;
}

/**
 * Giấy khen, bằng khen: the certificates of every recipient, one A4 page each, made on the server
 * as a job whose progress shows here until the PDF can be downloaded; earlier batches stay listed.
 */
export function CertificatesPanel({ decision }: { decision: DecisionDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "vi";
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartCertificates(decision.id);
  const job = useJob<CertificatesResult>(jobId);
  const reload = useReloadDecision(decision.id);
  const status = job.data?.status;
  const running = Boolean(jobId) && !isFinished(status);
  const percent = Math.round((job.data?.progress ?? 0) * 100);
  const may = decision.allowedActions.includes("certificates");
  const result = status === "succeeded" ? job.data?.result : null;

  useEffect(() => {
    if (status === "succeeded") void reload();
  }, [status, reload]);

  return (
    <Section
      id="decision-certificates"
      title={t("commendations.certificates.title", { form: decision.form.name })}
    >
      <Text size="sm" c="dimmed">
        {t("commendations.certificates.description", { count: decision.recipientCount })}
      </Text>
      {may && (
        <Group gap="sm">
          <Button
            leftSection={<IconFileCertificate size={18} />}
            loading={start.isPending}
            disabled={running}
            onClick={() => start.mutate(undefined, { onSuccess: (started) => setJobId(started.jobId) })}
          >
            {t("commendations.certificates.generate", { count: decision.recipientCount })}
          </Button>
          {result && (
            <Button
              component="a"
              href={result.url}
              download={result.fileName}
              variant="light"
              color="teal"
              leftSection={<IconDownload size={18} />}
            >
              {t("commendations.certificates.download", { name: result.fileName })} (
              {formatSize(result.size, lang)})
            </Button>
          )}
        </Group>
      )}
      {start.isError && (
        <Alert color="red" icon={<IconAlertCircle />} role="alert">
          {start.error.message}
        </Alert>
      )}
      {running && (
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm">
              {status === "running"
                ? t("commendations.certificates.running", {
                    done: Math.round((job.data?.progress ?? 0) * decision.recipientCount),
                    total: decision.recipientCount,
                  })
                : t("commendations.certificates.queued")}
            </Text>
            <Text size="sm" c="dimmed" role="status">
              {percent}%
            </Text>
          </Group>
          <Progress
            value={percent}
            size="lg"
            striped
            animated
            aria-label={t("commendations.certificates.progress")}
          />
        </Stack>
      )}
      {result && (
        <Text size="sm" c="teal" role="status">
          {t("commendations.certificates.done", { pages: result.pages })}
        </Text>
      )}
      {status === "failed" && (
        <Alert color="red" icon={<IconAlertCircle />} title={t("commendations.certificates.failed")}>
          {job.data?.error?.message}
        </Alert>
      )}
      {decision.certificates.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("commendations.certificates.files")}
          </Text>
          <BareList gap={4}>
            {decision.certificates.map((file) => (
              <Group component="li" key={file.id} gap="xs" wrap="nowrap" align="flex-start">
                <IconFileTypePdf size={20} aria-hidden style={{ flexShrink: 0 }} />
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Anchor href={file.url} download={file.fileName} style={{ overflowWrap: "anywhere" }}>
                    {file.fileName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {formatSize(file.size, lang)} · {formatDateTime(file.createdAt)}
                  </Text>
                </Stack>
              </Group>
            ))}
          </BareList>
        </Stack>
      )}
    </Section>
  );
}
