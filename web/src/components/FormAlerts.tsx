import { Alert, Button, Stack } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RevealOnMount } from "./RevealOnMount";

/**
 * The messages at the top of an edit form: someone saved the record first (with a reload
 * button), or the server refused for a reason tied to no field. In a long form (`reveal`) they
 * scroll into view, since on a phone the user is down at the submit button.
 */
export function FormAlerts({
  conflict,
  onReload,
  failed,
  message,
  reveal = true,
}: {
  conflict: boolean;
  onReload: () => void;
  failed: boolean;
  message: string | undefined;
  reveal?: boolean;
}) {
  const { t } = useTranslation();
  const shown = (alert: ReactNode) => (reveal ? <RevealOnMount>{alert}</RevealOnMount> : alert);
  return (
    <>
      {conflict &&
        shown(
          <Alert color="orange" icon={<IconAlertCircle />} role="alert" title={t("users.conflictTitle")}>
            <Stack gap="xs" align="flex-start">
              {t("users.conflict")}
              <Button size="xs" variant="light" color="orange" onClick={onReload}>
                {t("common.reload")}
              </Button>
            </Stack>
          </Alert>,
        )}
      {failed &&
        shown(
          <Alert color="red" icon={<IconAlertCircle />} role="alert">
            {message}
          </Alert>,
        )}
    </>
  );
}
