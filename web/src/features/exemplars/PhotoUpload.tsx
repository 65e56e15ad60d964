import { Button, FileButton, Group, Progress, Stack, Text } from "@mantine/core";
import { IconPhotoUp } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../../components/notify";
import { type ExemplarDetail, useUploadExemplarPhoto } from "./api";

const ACCEPT = "image/jpeg,image/png,image/webp,image/gif";

/** Chọn ảnh: one photo per exemplar; a new one replaces the old. The server checks the type by content. */
export function PhotoUpload({ exemplar }: { exemplar: ExemplarDetail }) {
  const { t } = useTranslation();
  const upload = useUploadExemplarPhoto();
  const [progress, setProgress] = useState<number | null>(null);
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap">
        <FileButton
          accept={ACCEPT}
          onChange={(file) => {
            if (!file) return;
            setProgress(0);
            upload.mutate(
              { id: exemplar.id, file, onProgress: setProgress },
              {
                onSuccess: () => notifySuccess(t("exemplars.photo.saved")),
                onSettled: () => setProgress(null),
              },
            );
          }}
        >
          {(props) => (
            <Button
              {...props}
              variant="light"
              leftSection={<IconPhotoUp size={18} />}
              loading={upload.isPending}
            >
              {exemplar.photo ? t("exemplars.photo.replace") : t("exemplars.photo.choose")}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t("exemplars.photo.hint")}
        </Text>
      </Group>
      {progress !== null && (
        <Progress value={progress * 100} aria-label={t("exemplars.photo.uploading")} size="sm" animated />
      )}
      {upload.isError && (
        <Text size="sm" c="red" role="alert">
          {upload.error.message}
        </Text>
      )}
    </Stack>
  );
}
