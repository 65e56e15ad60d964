import { Button, Group, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps } from "./AppModal";
import { ErrorAlert } from "./ListStates";

/** Asks before an action that changes data; shows the server's answer if it fails. */
export function ConfirmModal({
  opened,
  onClose,
  onConfirm,
  title,
  message,
  confirmLabel,
  color = "red",
  loading = false,
  error,
  extra,
  dismissLabel,
}: DialogProps & {
  onConfirm: () => void;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  color?: string;
  loading?: boolean;
  error?: unknown;
  extra?: ReactNode;
  /** The button that closes without acting (default "Hủy"; "Quay lại" where the action itself is a "Hủy …"). */
  dismissLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={title}>
      <Stack>
        <Text size="sm">{message}</Text>
        {error ? <ErrorAlert error={error} /> : null}
        {extra}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={loading}>
            {dismissLabel ?? t("common.cancel")}
          </Button>
          <Button color={color} onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
