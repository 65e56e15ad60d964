import { Button } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifyError } from "../../components/notify";
import { exportPeople, type PeopleFilters } from "./api";

/** "Xuất Excel": the whole list under the filters on screen, as an .xlsx file. */
export function ExportButton({ filters }: { filters: PeopleFilters }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={18} />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await exportPeople(filters);
        } catch (error) {
          notifyError(error instanceof Error ? error.message : t("errors.unknown"));
        } finally {
          setBusy(false);
        }
      }}
    >
      {t("people.export")}
    </Button>
  );
}
