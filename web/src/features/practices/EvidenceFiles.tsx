import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  FileButton,
  Group,
  Image,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconFileText, IconPaperclip, IconTrash, IconUpload } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { BareList } from "../../components/BareList";
import { ConfirmModal } from "../../components/ConfirmModal";
import { notifySuccess } from "../../components/notify";
import { type PracticeFile, uploadPracticeFile, useDeletePracticeFile, useReloadPractice } from "./api";

/** What the server accepts (checked there by content); the picker only narrows the choice. */
export const EVIDENCE_ACCEPT =
  "image/jpeg,image/png,image/webp,image/gif,image/avif,application/pdf,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods";

/** A file being uploaded (or waiting for the model to be saved first). */
export interface PendingFile {
  key: string;
  file: File;
  /** 0..1 while it uploads; null before. */
  progress: number | null;
  error: string | null;
}

let nextKey = 0;
export function pendingOf(files: File[]): PendingFile[] {
  return files.map((file) => ({ key: `f${nextKey++}`, file, progress: null, error: null }));
}

export function formatSize(bytes: number, locale: string): string {
  const format = new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${format.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${format.format(bytes / 1024)} KB`;
  return `${format.format(bytes / 1024 / 1024)} MB`;
}

/** A local preview of a chosen photo, released when it leaves the screen. */
function LocalThumb({ file }: { file: File }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file.type.startsWith("image/")) return;
    const objectUrl = URL.createObjectURL(file);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file]);
  return url ? <Image src={url} alt="" w={56} h={56} radius="sm" fit="cover" /> : <FileTile />;
}

function FileTile() {
  return (
    <ThemeIcon variant="light" color="gray" size={56} radius="sm" aria-hidden>
      <IconFileText size={26} />
    </ThemeIcon>
  );
}

/** The row of a file waiting or uploading: name, progress, error, and removal from the queue. */
export function PendingRow({ item, onRemove }: { item: PendingFile; onRemove?: () => void }) {
  const { t, i18n } = useTranslation();
  const percent = Math.round((item.progress ?? 0) * 100);
  return (
    <Paper withBorder p="xs" radius="md" component="li">
      <Group wrap="nowrap" gap="sm" align="flex-start">
        <LocalThumb file={item.file} />
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
            {item.file.name}
          </Text>
          <Text size="xs" c="dimmed">
            {formatSize(item.file.size, i18n.resolvedLanguage ?? "vi")}
            {item.progress === null && !item.error ? ` · ${t("practices.files.waiting")}` : ""}
          </Text>
          {item.progress !== null && !item.error && (
            <Progress
              value={percent}
              size="md"
              striped={percent < 100}
              animated={percent < 100}
              aria-label={t("practices.files.progress", { name: item.file.name })}
            />
          )}
          {item.error && (
            <Text size="sm" c="red" role="alert">
              {item.error}
            </Text>
          )}
        </Stack>
        {onRemove && (
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={onRemove}
            aria-label={t("practices.files.removeNamed", { name: item.file.name })}
          >
            <IconTrash size={18} />
          </ActionIcon>
        )}
      </Group>
    </Paper>
  );
}

/** The "choose files" button: several at once, photos from the phone's camera roll too. */
export function ChooseFilesButton({
  onChoose,
  disabled,
}: {
  onChoose: (files: File[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <FileButton onChange={onChoose} accept={EVIDENCE_ACCEPT} multiple disabled={disabled}>
      {(props) => (
        <Button {...props} variant="default" leftSection={<IconUpload size={18} />} disabled={disabled}>
          {t("practices.files.choose")}
        </Button>
      )}
    </FileButton>
  );
}

/**
 * Hồ sơ minh chứng of a saved model: photos as thumbnails and other files as links; new files
 * upload at once with their progress; removing one asks first.
 */
export function EvidenceFiles({
  practiceId,
  files,
  editable,
}: {
  practiceId: string;
  files: readonly PracticeFile[];
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const reload = useReloadPractice();
  const remove = useDeletePracticeFile();
  const [uploads, setUploads] = useState<PendingFile[]>([]);
  const [removing, setRemoving] = useState<PracticeFile | null>(null);

  const patch = (key: string, change: Partial<PendingFile>) =>
    setUploads((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const upload = async (chosen: File[]) => {
    const items = pendingOf(chosen);
    setUploads((current) => [...current, ...items]);
    for (const item of items) {
      patch(item.key, { progress: 0 });
      try {
        await uploadPracticeFile(practiceId, item.file, (sent) => patch(item.key, { progress: sent }));
        await reload(practiceId);
        setUploads((current) => current.filter((other) => other.key !== item.key));
      } catch (error) {
        patch(item.key, { error: error instanceof Error ? error.message : t("errors.unknown") });
      }
    }
  };

  const images = files.filter((file) => file.kind === "image");
  const others = files.filter((file) => file.kind !== "image");

  return (
    <Stack gap="sm" component="section" aria-labelledby="evidence-title">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} fz="h4" id="evidence-title">
          {t("practices.files.title")}
        </Title>
        {editable && <ChooseFilesButton onChoose={(chosen) => void upload(chosen)} />}
      </Group>
      {editable && (
        <Text size="sm" c="dimmed">
          {t("practices.files.hint")}
        </Text>
      )}
      {files.length === 0 && uploads.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("practices.files.none")}
        </Text>
      )}
      {images.length > 0 && (
        <SimpleGrid
          cols={{ base: 2, xs: 3, sm: 4, md: 6 }}
          spacing="xs"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: "none" }}
        >
          {images.map((file, index) => (
            <Stack key={file.id} gap={4} component="li">
              <Anchor href={file.displayUrl ?? file.url} target="_blank" rel="noopener">
                <Image
                  src={file.thumbUrl ?? file.url}
                  alt={t("practices.files.photoAlt", { number: index + 1, name: file.fileName })}
                  radius="sm"
                  h={110}
                  fit="cover"
                />
              </Anchor>
              {editable && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  onClick={() => setRemoving(file)}
                  aria-label={t("practices.files.removeNamed", { name: file.fileName })}
                >
                  {t("practices.files.remove")}
                </Button>
              )}
            </Stack>
          ))}
        </SimpleGrid>
      )}
      {others.length > 0 && (
        <BareList gap={6}>
          {others.map((file) => (
            <Group component="li" key={file.id} gap="xs" wrap="nowrap">
              <IconPaperclip size={16} aria-hidden style={{ flexShrink: 0 }} />
              <Anchor href={file.url} download={file.fileName} size="sm" style={{ overflowWrap: "anywhere" }}>
                {file.fileName}
              </Anchor>
              <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                {formatSize(file.size, i18n.resolvedLanguage ?? "vi")}
              </Text>
              {editable && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => setRemoving(file)}
                  aria-label={t("practices.files.removeNamed", { name: file.fileName })}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              )}
            </Group>
          ))}
        </BareList>
      )}
      {uploads.length > 0 && (
        <BareList gap="xs" aria-live="polite">
          {uploads.map((item) => (
            <PendingRow
              key={item.key}
              item={item}
              onRemove={
                item.error
                  ? () => setUploads((current) => current.filter((other) => other.key !== item.key))
                  : undefined
              }
            />
          ))}
        </BareList>
      )}
      {remove.isError && !removing && <Alert color="red">{remove.error.message}</Alert>}
      <ConfirmModal
        opened={removing !== null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        title={t("practices.files.removeTitle")}
        message={t("practices.files.removeConfirm", { name: removing?.fileName ?? "" })}
        confirmLabel={t("practices.files.remove")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(
            { practiceId, fileId: removing.id },
            {
              onSuccess: () => {
                notifySuccess(t("practices.files.removed", { name: removing.fileName }));
                setRemoving(null);
              },
            },
          );
        }}
      />
    </Stack>
  );
}
