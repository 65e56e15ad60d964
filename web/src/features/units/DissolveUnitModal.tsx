import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DialogProps } from "../../components/AppModal";
import { ConfirmModal } from "../../components/ConfirmModal";
import { DateField } from "../../components/DateField";
import { notifySuccess } from "../../components/notify";
import { todayInVietnam } from "../../lib/format";
import { type UnitDetail, useDissolveUnit } from "./api";

/**
 * Giải thể: closes a unit from a given day. The server refuses (422, with a message naming what is
 * left) while it still has active sub-units or members; that message is shown as is.
 */
export function DissolveUnitModal({
  opened,
  onClose,
  unit,
}: DialogProps & {
  unit: UnitDetail;
}) {
  const { t } = useTranslation();
  const dissolve = useDissolveUnit();
  const [on, setOn] = useState(todayInVietnam());
  const close = () => {
    dissolve.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={opened}
      onClose={close}
      title={t("units.dissolve.title")}
      message={t("units.dissolve.confirm", { name: unit.name })}
      confirmLabel={t("units.dissolve.action")}
      loading={dissolve.isPending}
      error={dissolve.error}
      extra={
        <DateField
          label={t("units.dissolve.on")}
          value={on}
          onChange={(value) => {
            dissolve.reset();
            setOn(value);
          }}
          required
          maw={220}
        />
      }
      onConfirm={() => {
        if (!on) return;
        dissolve.mutate(
          { id: unit.id, on },
          {
            onSuccess: () => {
              notifySuccess(t("units.dissolve.done", { name: unit.name }));
              close();
            },
          },
        );
      }}
    />
  );
}
