import { Alert, Button, Code, CopyButton, Group, Stack, Text } from "@mantine/core";
import { IconAlertCircle, IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps } from "./AppModal";

/**
 * Shows a secret the server gives only once (a one-time password, an API token), with a copy
 * button and a note on what to do with it.
 */
export function SecretModal({
  opened,
  onClose,
  title,
  label,
  secret,
  note,
}: DialogProps & {
  title: string;
  label: string;
  secret: string | null;
  note: string;
}) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={title} closeOnClickOutside={false}>
      <Stack>
        <Text size="sm" fw={500} id="secret-label">
          {label}
        </Text>
        <Code
          block
          fz="lg"
          aria-labelledby="secret-label"
          data-testid="secret-value"
          style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }}
        >
          {secret ?? ""}
        </Code>
        <Alert color="yellow" icon={<IconAlertCircle />} variant="light">
          {note}
        </Alert>
        <Group justify="flex-end" wrap="wrap">
          <CopyButton value={secret ?? ""} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                color={copied ? "teal" : undefined}
                leftSection={copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                onClick={copy}
              >
                {copied ? t("common.copied") : t("common.copy")}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t("common.done")}</Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
