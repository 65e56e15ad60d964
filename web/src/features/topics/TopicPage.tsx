import {
  ActionIcon,
  Anchor,
  Button,
  FileButton,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconCalendarPlus,
  IconExternalLink,
  IconFileText,
  IconPencil,
  IconTrash,
  IconUpload,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { BareList } from "../../components/BareList";
import { ConfirmModal } from "../../components/ConfirmModal";
import { DetailList } from "../../components/DetailList";
import { ErrorAlert, PageLoader } from "../../components/ListStates";
import { notifyError, notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { can, useCurrentUser } from "../../lib/session";
import { formatSize } from "../practices/EvidenceFiles";
import {
  type TopicDetail,
  type TopicFile,
  uploadTopicFile,
  useDeleteTopicFile,
  useReloadTopics,
  useTopic,
} from "./api";
import { SessionsList } from "./SessionsList";
import { TopicFormModal } from "./TopicFormModal";

const MATERIAL_ACCEPT =
  "application/pdf,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,image/jpeg,image/png,image/webp";

/** A topic: its summary and materials (files and links), and the sessions that studied it. */
export function TopicPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const user = useCurrentUser();
  const topic = useTopic(id);
  const [editing, edit] = useDisclosure(false);
  if (topic.isPending) return <PageLoader />;
  if (topic.isError) return <ErrorAlert error={topic.error} onRetry={() => topic.refetch()} />;
  const th = topic.data;
  const editable = th.allowedActions.includes("update");
  return (
    <Stack maw={960}>
      <BackLink to={`/topics?year=${th.year}`} label={t("topics.back")} />
      <PageHeader
        title={th.title}
        actions={
          <>
            {can(user, "topics.record") && (
              <Button
                component={Link}
                to={`/topics/sessions/new?topicId=${th.id}&year=${th.year}`}
                leftSection={<IconCalendarPlus size={18} />}
              >
                {t("topics.sessions.record")}
              </Button>
            )}
            {editable && (
              <Button variant="default" leftSection={<IconPencil size={18} />} onClick={edit.open}>
                {t("topics.edit")}
              </Button>
            )}
          </>
        }
      />
      <DetailList
        items={[
          { key: "year", label: t("topics.form.year"), value: String(th.year) },
          { key: "unit", label: t("topics.issuedBy"), value: th.unit.name },
        ]}
      />
      {th.summary && (
        <Text fz="lg" lh={1.65} style={{ whiteSpace: "pre-line" }}>
          {th.summary}
        </Text>
      )}
      <Materials topic={th} editable={editable} />
      <SessionsList year={th.year} topicId={th.id} />
      <TopicFormModal opened={editing} onClose={edit.close} topic={th} />
    </Stack>
  );
}

function Materials({ topic, editable }: { topic: TopicDetail; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const reload = useReloadTopics();
  const [progress, setProgress] = useState<number | null>(null);
  const [removing, setRemoving] = useState<TopicFile | null>(null);
  const remove = useDeleteTopicFile(topic.id);
  const empty = topic.files.length === 0 && topic.links.length === 0;

  const upload = async (file: File | null) => {
    if (!file) return;
    setProgress(0);
    try {
      await uploadTopicFile(topic.id, file, setProgress);
      notifySuccess(t("topics.materials.uploaded", { name: file.name }));
      await reload();
    } catch (error) {
      notifyError(error instanceof Error ? error.message : String(error));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: "sm", sm: "md" }}
      component="section"
      aria-labelledby="materials-title"
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} fz="h4" id="materials-title">
            {t("topics.materials.title")}
          </Title>
          {editable && (
            <FileButton onChange={upload} accept={MATERIAL_ACCEPT}>
              {(props) => (
                <Button
                  {...props}
                  variant="light"
                  leftSection={<IconUpload size={18} />}
                  loading={progress !== null}
                >
                  {t("topics.materials.upload")}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        {progress !== null && (
          <Progress value={progress * 100} animated aria-label={t("topics.materials.uploading")} />
        )}
        {empty && <Text c="dimmed">{t("topics.materials.empty")}</Text>}
        <BareList gap="xs">
          {topic.files.map((file) => (
            <Group component="li" key={file.id} wrap="nowrap" gap="sm">
              <ThemeIcon variant="light" color="gray" size={40} radius="sm" aria-hidden>
                <IconFileText size={22} />
              </ThemeIcon>
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Anchor
                  href={file.url}
                  target="_blank"
                  rel="noopener"
                  fw={600}
                  style={{ overflowWrap: "anywhere" }}
                >
                  {file.fileName}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {formatSize(file.size, i18n.resolvedLanguage ?? "vi")}
                </Text>
              </Stack>
              {editable && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  onClick={() => setRemoving(file)}
                  aria-label={t("topics.materials.remove", { name: file.fileName })}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              )}
            </Group>
          ))}
          {topic.links.map((link) => (
            <Group component="li" key={`${link.url}|${link.title}`} wrap="nowrap" gap="sm">
              <ThemeIcon variant="light" color="blue" size={40} radius="sm" aria-hidden>
                <IconExternalLink size={22} />
              </ThemeIcon>
              <Anchor
                href={link.url}
                target="_blank"
                rel="noopener noreferrer"
                fw={600}
                style={{ overflowWrap: "anywhere" }}
              >
                {link.title}
              </Anchor>
            </Group>
          ))}
        </BareList>
      </Stack>
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t("topics.materials.removeTitle")}
        message={t("topics.materials.removeMessage", { name: removing?.fileName ?? "" })}
        confirmLabel={t("topics.materials.removeConfirm")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              setRemoving(null);
              notifySuccess(t("topics.materials.removed"));
            },
          })
        }
      />
    </Paper>
  );
}
