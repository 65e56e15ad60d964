import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { IconAlertCircle, IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps } from "../../components/AppModal";
import { DateField } from "../../components/DateField";
import { notifySuccess } from "../../components/notify";
import { formatDate, formatNumber, todayInVietnam } from "../../lib/format";
import { type Reorganisation, type UnitDetail, useMoveUnit } from "./api";
import { type PickedUnit, UnitSelect } from "./UnitSelect";

/**
 * Chuyển đơn vị, in two steps: choose the new parent and the day, see what will move (a dry run on
 * the server), then confirm.
 */
export function MoveUnitModal({
  opened,
  onClose,
  unit,
}: DialogProps & {
  unit: UnitDetail;
}) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t("units.move.title", { name: unit.name })} size="lg">
      {opened && <MoveWizard unit={unit} onClose={onClose} />}
    </AppModal>
  );
}

function MoveWizard({ unit, onClose }: { unit: UnitDetail; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const move = useMoveUnit();
  const [parent, setParent] = useState<PickedUnit | null>(null);
  const [on, setOn] = useState(todayInVietnam());
  const [preview, setPreview] = useState<Reorganisation | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const count = (n: number) => formatNumber(n, i18n.resolvedLanguage ?? "vi");

  const missing = {
    parent: submitted && !parent ? t("validation.required") : undefined,
    on: submitted && !on ? t("validation.required") : undefined,
  };

  const showPreview = () => {
    setSubmitted(true);
    if (!parent || !on) return;
    move.mutate({ id: unit.id, parentId: parent.id, on, dryRun: true }, { onSuccess: setPreview });
  };
  const confirm = () => {
    if (!parent) return;
    move.mutate(
      { id: unit.id, parentId: parent.id, on, dryRun: false },
      {
        onSuccess: (result) => {
          notifySuccess(
            t("units.move.done", {
              name: unit.name,
              target: parent.name,
              units: count(result.units),
              people: count(result.people),
            }),
          );
          onClose();
        },
      },
    );
  };

  if (preview && parent) {
    return (
      <Stack>
        <Text size="sm" c="dimmed">
          {t("units.wizard.step", { step: 2, steps: 2, name: t("units.wizard.preview") })}
        </Text>
        <Alert color="blue" icon={<IconInfoCircle />} title={t("units.wizard.previewTitle")}>
          <Stack gap={6}>
            <Text size="sm" data-testid="move-preview">
              {t("units.move.preview", { units: count(preview.units), people: count(preview.people) })}
            </Text>
            <Text size="sm">
              {t("units.move.previewDetail", { name: unit.name, target: parent.name, date: formatDate(on) })}
            </Text>
          </Stack>
        </Alert>
        {move.isError && (
          <Alert color="red" icon={<IconAlertCircle />} role="alert">
            {move.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              move.reset();
              setPreview(null);
            }}
            disabled={move.isPending}
          >
            {t("common.back")}
          </Button>
          <Button onClick={confirm} loading={move.isPending}>
            {t("units.move.confirm")}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t("units.wizard.step", { step: 1, steps: 2, name: t("units.move.choose") })}
      </Text>
      <UnitSelect
        label={t("units.move.newParent")}
        description={t("units.move.newParentHint")}
        placeholder={t("units.searchPlaceholder")}
        required
        activeOnly
        excludeIds={[unit.id, ...(unit.parentId ? [unit.parentId] : [])]}
        value={parent?.id ?? null}
        onChange={(picked) => {
          move.reset();
          setParent(picked);
        }}
        error={missing.parent}
      />
      <DateField
        label={t("units.move.on")}
        value={on}
        onChange={(value) => {
          move.reset();
          setOn(value);
        }}
        error={missing.on}
        required
        maw={220}
      />
      {move.isError && (
        <Alert color="red" icon={<IconAlertCircle />} role="alert">
          {move.error.message}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={move.isPending}>
          {t("common.cancel")}
        </Button>
        <Button onClick={showPreview} loading={move.isPending}>
          {t("units.wizard.showPreview")}
        </Button>
      </Group>
    </Stack>
  );
}
