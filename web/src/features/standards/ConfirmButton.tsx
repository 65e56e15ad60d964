import { Alert, Button } from "@mantine/core";
import { IconCheck, IconCircleCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { notifyError, notifySuccess } from "../../components/notify";
import { isApiError } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { type Standard, useConfirmStandard } from "./api";

/** "Tôi đã đọc": confirms reading the version in force, or says when the caller did. */
export function ConfirmButton({ standard }: { standard: Standard }) {
  const { t } = useTranslation();
  const confirm = useConfirmStandard();
  if (standard.confirmedAt)
    return (
      <Alert color="teal" icon={<IconCircleCheck />} py="xs" fz="md">
        {t("standards.confirmedOn", { date: formatDateTime(standard.confirmedAt) })}
      </Alert>
    );
  return (
    <Button
      size="lg"
      color="teal"
      leftSection={<IconCheck size={22} />}
      loading={confirm.isPending}
      onClick={() =>
        confirm.mutate(
          { id: standard.id, version: standard.version },
          {
            onSuccess: () => notifySuccess(t("standards.confirmed")),
            onError: (error) =>
              notifyError(
                isApiError(error, "VERSION_CONFLICT") ? t("standards.revisedMeanwhile") : error.message,
              ),
          },
        )
      }
      style={{ alignSelf: "flex-start" }}
    >
      {t("standards.confirm")}
    </Button>
  );
}
