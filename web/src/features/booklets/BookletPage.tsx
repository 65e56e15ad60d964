import { Alert, Anchor, Badge, Button, Group, Image, Progress, Stack, Text, ThemeIcon } from "@mantine/core";
import {
  IconAlertCircle,
  IconBulb,
  IconDownload,
  IconFileTypePdf,
  IconFileWord,
  IconPencil,
} from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { BareList } from "../../components/BareList";
import { DetailList } from "../../components/DetailList";
import { PageLoader } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { QueryFailure } from "../../components/QueryFailure";
import { Section } from "../../components/Section";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format";
import { isFinished, useJob } from "../jobs/api";
import {
  type BookletDetail,
  type BookletExportResult,
  type BookletFormat,
  type BookletModel,
  useBooklet,
  useRefreshBooklet,
  useStartExport,
} from "./api";

const FORMATS: readonly BookletFormat[] = ["docx", "pdf"];
const formatIcon = { docx: IconFileWord, pdf: IconFileTypePdf } as const;

/** A size in kB or MB, the way the UI language writes numbers. */
function formatSize(bytes: number, lang: string) {
  return bytes >= 1_048_576
    ? `${formatNumber(Math.round((bytes / 1_048_576) * 10) / 10, lang)} MB`
    : `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang)} kB`;
}

/** A booklet: its models in print order, the Word and PDF exports with their progress, and its files. */
export function BookletPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const booklet = useBooklet(id);
  if (booklet.isPending) return <PageLoader />;
  if (booklet.isError) return <QueryFailure query={booklet} />;
  const b = booklet.data;
  return (
    <Stack maw={960}>
      <BackLink to="/booklets" label={t("booklets.back")} />
      <PageHeader
        title={b.title}
        {...(b.subtitle ? { description: b.subtitle } : {})}
        actions={
          b.allowedActions.includes("update") && (
            <Button
              variant="default"
              component={Link}
              to={`/booklets/${b.id}/edit`}
              leftSection={<IconPencil size={18} />}
            >
              {t("booklets.edit")}
            </Button>
          )
        }
      />
      <DetailList
        items={[
          { key: "unit", label: t("booklets.detail.unit"), value: b.unit.name },
          { key: "models", label: t("booklets.columns.models"), value: String(b.modelCount) },
          { key: "updatedAt", label: t("booklets.detail.updatedAt"), value: formatDateTime(b.updatedAt) },
        ]}
      />
      {b.allowedActions.includes("export") && <ExportPanel booklet={b} />}
      <ExportedFiles booklet={b} />
      <Section id="booklet-models" title={t("booklets.detail.models")}>
        <BareList ordered gap="xs">
          {b.items.map((model, index) => (
            <ModelRow key={model.id} model={model} position={index + 1} />
          ))}
        </BareList>
      </Section>
    </Stack>
  );
}

function ModelRow({ model, position }: { model: BookletModel; position: number }) {
  const { t } = useTranslation();
  return (
    <Group component="li" gap="sm" wrap="nowrap" align="flex-start">
      <Text fw={700} w={28} ta="right" style={{ flexShrink: 0 }}>
        {position}.
      </Text>
      {model.thumbUrl ? (
        <Image src={model.thumbUrl} alt="" w={56} h={56} miw={56} radius="sm" fit="cover" loading="lazy" />
      ) : (
        <ThemeIcon variant="light" color="gray" size={56} radius="sm" aria-hidden style={{ flexShrink: 0 }}>
          <IconBulb size={24} />
        </ThemeIcon>
      )}
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Anchor component={Link} to={`/practices/${model.id}`} fw={600} style={{ overflowWrap: "anywhere" }}>
          {model.title}
        </Anchor>
        <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {[
            model.person ? t("booklets.detail.individual", { name: model.person.fullName }) : "",
            model.unit.name,
            model.field.name,
            model.recognisedBy
              ? t("booklets.detail.recognised", {
                  unit: model.recognisedBy.name,
                  date: formatDate(model.recognisedOn),
                })
              : "",
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      </Stack>
    </Group>
  );
}

/** Word and PDF buttons; each starts a job whose progress shows until its file can be downloaded. */
function ExportPanel({ booklet }: { booklet: BookletDetail }) {
  const { t } = useTranslation();
  return (
    <Section id="booklet-export" title={t("booklets.export.title")}>
      <Text size="sm" c="dimmed">
        {t("booklets.export.description")}
      </Text>
      {FORMATS.map((format) => (
        <ExportFormat key={format} booklet={booklet} format={format} />
      ))}
    </Section>
  );
}

function ExportFormat({ booklet, format }: { booklet: BookletDetail; format: BookletFormat }) {
  const { t, i18n } = useTranslation();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartExport(booklet.id);
  const job = useJob<BookletExportResult>(jobId);
  const refresh = useRefreshBooklet(booklet.id);
  const status = job.data?.status;
  const running = Boolean(jobId) && !isFinished(status);
  const name = t(`booklets.formats.${format}`);
  const Icon = formatIcon[format];
  const percent = Math.round((job.data?.progress ?? 0) * 100);

  useEffect(() => {
    if (status === "succeeded") void refresh();
  }, [status, refresh]);

  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button
          variant={format === "pdf" ? "filled" : "light"}
          leftSection={<Icon size={18} />}
          loading={start.isPending}
          disabled={running}
          onClick={() => start.mutate(format, { onSuccess: (result) => setJobId(result.jobId) })}
        >
          {t(`booklets.export.${format}`)}
        </Button>
        {status === "succeeded" && job.data?.result && (
          <Button
            component="a"
            href={job.data.result.url}
            download={job.data.result.fileName}
            variant="subtle"
            color="teal"
            leftSection={<IconDownload size={18} />}
            // A long file name ends in "…" on a phone (the whole name in the tooltip), never cut bare.
            title={job.data.result.fileName}
            maw="100%"
            styles={{ inner: { minWidth: 0 }, label: { minWidth: 0 } }}
          >
            <span style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
              {t("booklets.export.download", {
                name: job.data.result.fileName,
              })}{" "}
              ({formatSize(job.data.result.size, i18n.resolvedLanguage ?? "vi")})
            </span>
          </Button>
        )}
      </Group>
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
                ? t("booklets.export.running", { format: name })
                : t("booklets.export.queued")}
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
            aria-label={t("booklets.export.progress", { format: name })}
          />
        </Stack>
      )}
      {status === "succeeded" && (
        <Text size="sm" c="teal" role="status">
          {t("booklets.export.done", { format: name })}
        </Text>
      )}
      {status === "failed" && (
        <Alert color="red" icon={<IconAlertCircle />} title={t("booklets.export.failed", { format: name })}>
          {job.data?.error?.message}
        </Alert>
      )}
    </Stack>
  );
}

/** The booklet's latest files: anyone who reads it may download them. */
function ExportedFiles({ booklet }: { booklet: BookletDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "vi";
  return (
    <Section id="booklet-files" title={t("booklets.export.files")} gap="xs">
      {booklet.exports.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("booklets.export.noFiles")}
        </Text>
      ) : (
        <BareList gap={6}>
          {booklet.exports.map((file) => {
            const Icon = formatIcon[file.format];
            return (
              <Group component="li" key={file.id} gap="xs" wrap="nowrap" align="flex-start">
                <Icon size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Anchor href={file.url} download={file.fileName} style={{ overflowWrap: "anywhere" }}>
                    {file.fileName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    <Badge size="xs" variant="light" mr={6}>
                      {t(`booklets.formats.${file.format}`)}
                    </Badge>
                    {formatSize(file.size, lang)} · {formatDateTime(file.createdAt)}
                  </Text>
                </Stack>
              </Group>
            );
          })}
        </BareList>
      )}
    </Section>
  );
}
