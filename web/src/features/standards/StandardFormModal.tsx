import { ActionIcon, Alert, Button, Group, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { IconAlertCircle, IconArrowDown, IconArrowUp, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type DialogProps, FormActions, FormModal } from "../../components/AppModal";
import { DateField } from "../../components/DateField";
import { notifyError, notifySuccess } from "../../components/notify";
import { fieldErrors, isApiError } from "../../lib/api";
import { todayInVietnam } from "../../lib/format";
import { MAX_ITEMS, type StandardDetail, useSaveStandard } from "./api";

/**
 * Sets up the caller's unit's standards, or edits them as a new version (which supersedes the one
 * in force; members confirm it afresh).
 */
export function StandardFormModal({
  opened,
  onClose,
  standard,
  onSaved,
}: DialogProps & {
  standard?: StandardDetail;
  onSaved?: (standard: StandardDetail) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={standard ? t("standards.form.reviseTitle") : t("standards.form.createTitle")}
      size="xl"
    >
      <StandardForm
        key={standard?.version ?? "new"}
        standard={standard}
        onClose={onClose}
        onSaved={onSaved}
      />
    </FormModal>
  );
}

let nextKey = 0;
const keyed = (items: string[]) => items.map((text) => ({ key: nextKey++, text }));

function StandardForm({
  standard,
  onClose,
  onSaved,
}: {
  standard?: StandardDetail | undefined;
  onClose: () => void;
  onSaved?: ((standard: StandardDetail) => void) | undefined;
}) {
  const { t } = useTranslation();
  const save = useSaveStandard(standard?.id);
  const [title, setTitle] = useState(standard?.title ?? t("standards.form.defaultTitle"));
  const [items, setItems] = useState(() => keyed(standard?.items ?? ["", "", ""]));
  const [effectiveOn, setEffectiveOn] = useState(todayInVietnam());
  const [note, setNote] = useState("");
  const errors = fieldErrors(save.error);

  const move = (index: number, by: number) =>
    setItems((current) => {
      const next = [...current];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          {
            title,
            items: items.map((i) => i.text.trim()).filter(Boolean),
            effectiveOn,
            note,
            ...(standard ? { version: standard.version } : {}),
          },
          {
            onSuccess: (result) => {
              notifySuccess(standard ? t("standards.form.revised") : t("standards.form.created"));
              onSaved?.(result.standard);
              onClose();
            },
            onError: (error) => {
              if (isApiError(error, "VERSION_CONFLICT")) notifyError(t("standards.form.conflict"));
            },
          },
        );
      }}
    >
      <Stack>
        {standard && (
          <Alert color="blue">{t("standards.form.reviseHint", { number: standard.currentNumber + 1 })}</Alert>
        )}
        <TextInput
          label={t("standards.form.title")}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
          error={errors.title}
        />
        <Stack gap="xs">
          <Text fw={500} size="sm">
            {t("standards.form.items")}
          </Text>
          {items.map((item, index) => (
            <Group key={item.key} align="flex-start" gap="xs" wrap="nowrap">
              <Text fw={700} w={28} ta="right" pt={8} style={{ flexShrink: 0 }}>
                {index + 1}.
              </Text>
              <Textarea
                value={item.text}
                onChange={(e) => {
                  const text = e.currentTarget.value;
                  setItems((current) => current.map((x) => (x.key === item.key ? { ...x, text } : x)));
                }}
                autosize
                minRows={1}
                maxRows={5}
                aria-label={t("standards.form.item", { n: index + 1 })}
                style={{ flex: 1 }}
              />
              <Stack gap={2}>
                <ActionIcon
                  variant="subtle"
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={t("standards.form.moveUp", { n: index + 1 })}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  disabled={index === items.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={t("standards.form.moveDown", { n: index + 1 })}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
              </Stack>
              <ActionIcon
                variant="subtle"
                color="red"
                mt={4}
                disabled={items.length === 1}
                onClick={() => setItems((current) => current.filter((x) => x.key !== item.key))}
                aria-label={t("standards.form.remove", { n: index + 1 })}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          ))}
          {errors.items && (
            <Text size="sm" c="red">
              {errors.items}
            </Text>
          )}
          <Button
            variant="subtle"
            leftSection={<IconPlus size={16} />}
            disabled={items.length >= MAX_ITEMS}
            onClick={() => setItems((current) => [...current, ...keyed([""])])}
            style={{ alignSelf: "flex-start" }}
          >
            {t("standards.form.addItem")}
          </Button>
        </Stack>
        <DateField
          label={t("standards.form.effectiveOn")}
          value={effectiveOn}
          onChange={setEffectiveOn}
          required
          maw={200}
          {...(errors.effectiveOn ? { error: errors.effectiveOn } : {})}
        />
        {standard && (
          <TextInput
            label={t("standards.form.note")}
            placeholder={t("standards.form.notePlaceholder")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
        )}
        {save.error && !isApiError(save.error, "VERSION_CONFLICT") && Object.keys(errors).length === 0 && (
          <Alert color="red" icon={<IconAlertCircle />}>
            {save.error.message}
          </Alert>
        )}
        <FormActions
          onCancel={onClose}
          pending={save.isPending}
          cancelDisabled={false}
          submitLabel={standard ? t("standards.form.saveVersion") : t("common.save")}
        />
      </Stack>
    </form>
  );
}
