import { Button, Group, Modal, type ModalProps } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** What every dialog is given: whether it is open, and how it closes. */
export interface DialogProps {
  opened: boolean;
  onClose: () => void;
}

/**
 * A centred dialog whose close button is named "Đóng" for screen readers; the app's one modal
 * frame. `fresh`: its content mounts anew each time it opens (a form starts empty).
 */
export function AppModal({
  fresh = false,
  children,
  ...props
}: Omit<ModalProps, "centered" | "closeButtonProps"> & { fresh?: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal centered closeButtonProps={{ "aria-label": t("common.close") }} {...props}>
      {fresh ? props.opened && children : children}
    </Modal>
  );
}

/** A dialog holding a form: full screen on a phone, the form mounted anew each time it opens. */
export function FormModal({
  opened,
  onClose,
  title,
  size,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  size: "lg" | "xl";
  children: ReactNode;
}) {
  const phone = useMediaQuery("(max-width: 30em)");
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} fullScreen={phone}>
      {opened && children}
    </Modal>
  );
}

/** The closing row of a form: cancel (disabled while the request runs) and the submit button. */
export function FormActions({
  onCancel,
  pending,
  submitLabel,
  color,
  cancelLabel,
  cancelDisabled = pending,
  disabled,
}: {
  onCancel: () => void;
  pending: boolean;
  submitLabel: ReactNode;
  color?: string | undefined;
  /** Default "Hủy". */
  cancelLabel?: string;
  /** Default: while the request runs. */
  cancelDisabled?: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} disabled={cancelDisabled}>
        {cancelLabel ?? t("common.cancel")}
      </Button>
      <Button type="submit" loading={pending} color={color} disabled={disabled}>
        {submitLabel}
      </Button>
    </Group>
  );
}
