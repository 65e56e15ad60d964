import { Alert, Button, CloseButton, Group, Stack, Text } from "@mantine/core";
import { IconAlertCircle, IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps } from "../../components/AppModal";
import { BareList } from "../../components/BareList";
import { DateField } from "../../components/DateField";
import { notifySuccess } from "../../components/notify";
import { formatDate, formatNumber, todayInVietnam } from "../../lib/format";
import { type Reorganisation, type UnitDetail, useMergeUnits } from "./api";
import { type PickedUnit, UnitSelect } from "./UnitSelect";

/**
 * Hợp nhất: this unit (and any others chosen) goes into a target unit; their sub-units and members
 * move there and they close as "merged". Preview first, then confirm.
 */
export function MergeUnitsModal({
  opened,
  onClose,
  unit,
}: DialogProps & {
  unit: UnitDetail;
}) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t("units.merge.title", { name: unit.name })} size="lg">
      {opened && <MergeWizard unit={unit} onClose={onClose} />}
    </AppModal>
  );
}

function MergeWizard({ unit, onClose }: { unit: UnitDetail; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const merge = useMergeUnits();
  const [sources, setSources] = useState<PickedUnit[]>([{ id: unit.id, name: unit.name }]);
  const [target, setTarget] = useState<PickedUnit | null>(null);
  const [on, setOn] = useState(todayInVietnam());
  const [preview, setPreview] = useState<Reorganisation | null>(null);
  const [submitted, setSubmitted] = useState(false);
  // The picker for one more source starts empty again after each choice.
  const [pickerKey, setPickerKey] = useState(0);
  const count = (n: number) => formatNumber(n, i18n.resolvedLanguage ?? "vi");
  const request = () => ({ sourceIds: sources.map((s) => s.id), targetId: target?.id ?? "", on });

  const showPreview = () => {
    setSubmitted(true);
    if (!target || !on || sources.length === 0) return;
    merge.mutate({ ...request(), dryRun: true }, { onSuccess: setPreview });
  };
  const confirm = () => {
    if (!target) return;
    merge.mutate(
      { ...request(), dryRun: false },
      {
        onSuccess: (result) => {
          notifySuccess(
            t("units.merge.done", {
              sources: count(sources.length),
              target: target.name,
              units: count(result.units),
              people: count(result.people),
            }),
          );
          onClose();
        },
      },
    );
  };
  const changed = () => merge.reset();

  if (preview && target) {
    return (
      <Stack>
        <Text size="sm" c="dimmed">
          {t("units.wizard.step", { step: 2, steps: 2, name: t("units.wizard.preview") })}
        </Text>
        <Alert color="orange" icon={<IconInfoCircle />} title={t("units.wizard.previewTitle")}>
          <Stack gap={6}>
            <Text size="sm" data-testid="merge-preview">
              {t("units.merge.preview", {
                sources: count(sources.length),
                target: target.name,
                units: count(preview.units),
                people: count(preview.people),
              })}
            </Text>
            <Text size="sm">{t("units.merge.previewDetail", { date: formatDate(on) })}</Text>
            <Text size="sm" component="ul" m={0} pl="md">
              {sources.map((source) => (
                <li key={source.id}>{source.name}</li>
              ))}
            </Text>
          </Stack>
        </Alert>
        {merge.isError && (
          <Alert color="red" icon={<IconAlertCircle />} role="alert">
            {merge.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              merge.reset();
              setPreview(null);
            }}
            disabled={merge.isPending}
          >
            {t("common.back")}
          </Button>
          <Button color="orange" onClick={confirm} loading={merge.isPending}>
            {t("units.merge.confirm")}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t("units.wizard.step", { step: 1, steps: 2, name: t("units.merge.choose") })}
      </Text>
      <Stack gap={6}>
        <Text size="sm" fw={500} id="merge-sources-label">
          {t("units.merge.sources")}
        </Text>
        <BareList gap={4} aria-labelledby="merge-sources-label">
          {sources.map((source) => (
            <Group
              component="li"
              key={source.id}
              gap="xs"
              wrap="nowrap"
              justify="space-between"
              px="sm"
              py={4}
              style={{
                borderRadius: "var(--mantine-radius-md)",
                background: "var(--mantine-color-default-hover)",
              }}
            >
              <Text size="sm" style={{ minWidth: 0, overflowWrap: "anywhere" }}>
                {source.name}
              </Text>
              {sources.length > 1 && (
                <CloseButton
                  size="md"
                  aria-label={t("units.merge.removeSource", { name: source.name })}
                  onClick={() => {
                    changed();
                    setSources((current) => current.filter((s) => s.id !== source.id));
                  }}
                />
              )}
            </Group>
          ))}
        </BareList>
      </Stack>
      <UnitSelect
        key={pickerKey}
        label={t("units.merge.addSource")}
        placeholder={t("units.searchPlaceholder")}
        activeOnly
        excludeIds={[...sources.map((s) => s.id), ...(target ? [target.id] : [])]}
        value={null}
        onChange={(picked) => {
          if (!picked) return;
          changed();
          setSources((current) => (current.some((s) => s.id === picked.id) ? current : [...current, picked]));
          setPickerKey((key) => key + 1);
        }}
      />
      <UnitSelect
        label={t("units.merge.target")}
        description={t("units.merge.targetHint")}
        placeholder={t("units.searchPlaceholder")}
        required
        activeOnly
        excludeIds={sources.map((s) => s.id)}
        value={target?.id ?? null}
        onChange={(picked) => {
          changed();
          setTarget(picked);
        }}
        error={submitted && !target ? t("validation.required") : undefined}
      />
      <DateField
        label={t("units.merge.on")}
        value={on}
        onChange={(value) => {
          changed();
          setOn(value);
        }}
        error={submitted && !on ? t("validation.required") : undefined}
        required
        maw={220}
      />
      {merge.isError && (
        <Alert color="red" icon={<IconAlertCircle />} role="alert">
          {merge.error.message}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={merge.isPending}>
          {t("common.cancel")}
        </Button>
        <Button onClick={showPreview} loading={merge.isPending}>
          {t("units.wizard.showPreview")}
        </Button>
      </Group>
    </Stack>
  );
}
