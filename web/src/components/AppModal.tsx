import { Button, Group, Modal, type ModalProps } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** A centred dialog whose close button is named "Đóng" for screen readers; the app's one modal frame. */
export function AppModal(props: Omit<ModalProps, "centered" | "closeButtonProps">) {
  const { t } = useTranslation();
  return <Modal centered closeButtonProps={{ "aria-label": t("common.close") }} {...props} />;
}

/** The closing row of a form: cancel (disabled while the request runs) and the submit button. */
export function FormActions({
  onCancel,
  pending,
  submitLabel,
  color,
  cancelLabel,
  disabled,
}: {
  onCancel: () => void;
  pending: boolean;
  submitLabel: ReactNode;
  color?: string | undefined;
  /** Default "Hủy". */
  cancelLabel?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} disabled={pending}>
        {cancelLabel ?? t("common.cancel")}
      </Button>
      <Button type="submit" loading={pending} color={color} disabled={disabled}>
        {submitLabel}
      </Button>
    </Group>
  );
}
