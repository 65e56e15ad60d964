import { notifications } from "@mantine/notifications";
import i18n from "../lib/i18n";

/** A short confirmation in the corner; its close button is labelled for screen readers. */
export function notifySuccess(message: string): void {
  notifications.show({
    color: "teal",
    message,
    closeButtonProps: { "aria-label": i18n.t("common.close") },
  });
}

/** A failure that has no form to show it in (a download that did not start). */
export function notifyError(message: string): void {
  notifications.show({
    color: "red",
    title: i18n.t("errors.title"),
    message,
    // One line a reason when there are several (a file each).
    styles: { description: { whiteSpace: "pre-line" } },
    autoClose: 8000,
    closeButtonProps: { "aria-label": i18n.t("common.close") },
  });
}
