import { Alert, Anchor, Button, FileButton, Group, Progress, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconCheck, IconDownload, IconPencil, IconUpload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { BareList } from "../../components/BareList";
import { DetailList } from "../../components/DetailList";
import { ErrorAlert, PageLoader } from "../../components/ListStates";
import { notifyError, notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { formatDate, formatDateTime } from "../../lib/format";
import { formatSize } from "../practices/EvidenceFiles";
import { type LibraryDocumentDetail, uploadVersion, useDocument, useMarkRead, useReloadLibrary } from "./api";
import { DocumentFormModal } from "./DocumentFormModal";
import { KindBadge } from "./KindBadge";
import { ReadReportPanel } from "./ReadReportPanel";

const FILE_ACCEPT = "application/pdf,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,image/jpeg,image/png";

/** A document: its record, its current file and every earlier version, read receipts of a bulletin. */
export function DocumentPage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const document = useDocument(id);
  const markRead = useMarkRead();
  const [editing, edit] = useDisclosure(false);
  if (document.isPending) return <PageLoader />;
  if (document.isError) return <ErrorAlert error={document.error} onRetry={() => document.refetch()} />;
  const d = document.data;
  const lang = i18n.resolvedLanguage ?? "vi";
  return (
    <Stack maw={960}>
      <BackLink to="/library" label={t("library.back")} />
      <Group gap="xs">
        <KindBadge kind={d.kind} />
        {d.number && <Text fw={600}>{d.number}</Text>}
      </Group>
      <PageHeader
        title={d.title}
        actions={
          d.allowedActions.includes("update") && (
            <Button variant="default" leftSection={<IconPencil size={18} />} onClick={edit.open}>
              {t("library.edit")}
            </Button>
          )
        }
      />
      <DetailList
        items={[
          { key: "unit", label: t("library.detail.issuer"), value: d.unit.name },
          { key: "issuedOn", label: t("library.detail.issuedOn"), value: formatDate(d.issuedOn) },
          { key: "number", label: t("library.detail.number"), value: d.number },
        ]}
      />
      {d.summary && (
        <Text fz="lg" lh={1.65} style={{ whiteSpace: "pre-line" }}>
          {d.summary}
        </Text>
      )}
      <Group gap="sm" wrap="wrap">
        {d.latest && (
          <Button
            component="a"
            href={d.latest.url}
            target="_blank"
            rel="noopener"
            size="md"
            leftSection={<IconDownload size={20} />}
          >
            {t("library.openLatest", { size: formatSize(d.latest.size, lang) })}
          </Button>
        )}
        {d.kind === "bulletin" &&
          (d.readAt ? (
            <Alert color="teal" icon={<IconCheck />} py="xs">
              {t("library.readOn", { date: formatDateTime(d.readAt) })}
            </Alert>
          ) : (
            <Button
              size="md"
              color="teal"
              variant="light"
              leftSection={<IconCheck size={20} />}
              loading={markRead.isPending}
              onClick={() =>
                markRead.mutate(d.id, {
                  onSuccess: () => notifySuccess(t("library.markedRead")),
                  onError: (error) => notifyError(error.message),
                })
              }
            >
              {t("library.markRead")}
            </Button>
          ))}
      </Group>
      <Versions document={d} />
      {d.kind === "bulletin" && d.allowedActions.includes("report") && <ReadReportPanel document={d} />}
      <DocumentFormModal opened={editing} onClose={edit.close} document={d} />
    </Stack>
  );
}

function Versions({ document }: { document: LibraryDocumentDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "vi";
  const reload = useReloadLibrary();
  const [note, setNote] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const editable = document.allowedActions.includes("update");
  const upload = async (file: File | null) => {
    if (!file) return;
    setProgress(0);
    try {
      const { version } = await uploadVersion(document.id, file, note, setProgress);
      notifySuccess(t("library.versions.uploaded", { number: version.number }));
      setNote("");
      await reload();
    } catch (error) {
      notifyError(error instanceof Error ? error.message : String(error));
    } finally {
      setProgress(null);
    }
  };
  return (
    <Section id="versions-title" title={t("library.versions.title")}>
      {document.versions.length === 0 && <Text c="dimmed">{t("library.versions.empty")}</Text>}
      <BareList ordered gap="xs">
        {document.versions.map((v, index) => (
          <Group component="li" key={v.id} justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Anchor
                href={v.url}
                target="_blank"
                rel="noopener"
                fw={600}
                style={{ overflowWrap: "anywhere" }}
              >
                {t("library.versions.label", { number: v.number })}: {v.fileName}
              </Anchor>
              <Text size="sm" c="dimmed">
                {[
                  formatDateTime(v.createdAt),
                  v.createdByName,
                  formatSize(v.size, lang),
                  index === 0 ? t("library.versions.current") : "",
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
              {v.note && <Text size="sm">{v.note}</Text>}
            </Stack>
          </Group>
        ))}
      </BareList>
      {editable && (
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t("library.versions.note")}
            placeholder={t("library.versions.notePlaceholder")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            style={{ flex: "1 1 240px" }}
          />
          <FileButton onChange={upload} accept={FILE_ACCEPT}>
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={18} />} loading={progress !== null}>
                {document.versions.length
                  ? t("library.versions.uploadNew")
                  : t("library.versions.uploadFirst")}
              </Button>
            )}
          </FileButton>
        </Group>
      )}
      {progress !== null && (
        <Progress value={progress * 100} animated aria-label={t("library.versions.uploading")} />
      )}
    </Section>
  );
}
