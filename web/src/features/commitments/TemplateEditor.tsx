import { Alert, Box, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { DateField } from "../../components/DateField";
import { focusFirstError } from "../../components/focusFirstError";
import { ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { fieldErrors, isApiError } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { can, useCurrentUser } from "../../lib/session";
import {
  type ReminderSettings,
  type Template,
  useReminderSettings,
  useSaveReminderSettings,
  useSaveTemplate,
  useTemplate,
} from "./api";

/** The unit's template for the year and the ratings' due day, each read and (by whom may) edited. */
export function TemplateTab({ unitId, year }: { unitId: string; year: number }) {
  const template = useTemplate(unitId, year);
  const [generation, setGeneration] = useState(0);
  return (
    <Stack gap="lg">
      {template.isPending ? (
        <ListSkeleton rows={4} />
      ) : template.isError ? (
        <ErrorAlert error={template.error} onRetry={() => template.refetch()} />
      ) : (
        <TemplateEditor
          key={`${unitId}-${year}-${generation}`}
          unitId={unitId}
          year={year}
          template={template.data.template}
          onReload={async () => {
            await template.refetch();
            setGeneration((g) => g + 1);
          }}
        />
      )}
      <ReminderSettingsPanel unitId={unitId} year={year} />
    </Stack>
  );
}

interface TargetRow {
  key: number;
  text: string;
  measure: string;
}
let nextKey = 1;

/**
 * Mẫu bản cam kết: the prompts members write from, the suggested targets, the deadline (members
 * without a submitted commitment after it are reminded) and the campaign's weight in the rating.
 * A unit without its own template shows the one it inherits; saving makes its own.
 */
function TemplateEditor({
  unitId,
  year,
  template,
  onReload,
}: {
  unitId: string;
  year: number;
  template: Template | null;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const mayEdit = can(user, "commitments.keep");
  const save = useSaveTemplate();
  const own = template?.own ? template : null;
  const [studyPrompt, setStudyPrompt] = useState(template?.studyPrompt ?? "");
  const [actionPrompt, setActionPrompt] = useState(template?.actionPrompt ?? "");
  const [targets, setTargets] = useState<TargetRow[]>(
    (template?.targets ?? []).map((target) => ({
      key: nextKey++,
      text: target.text,
      measure: target.measure ?? "",
    })),
  );
  const [deadline, setDeadline] = useState(template?.deadline ?? "");
  const [weight, setWeight] = useState(String(template?.campaignWeight ?? 20));
  const [checked, setChecked] = useState(false);
  const [announce, setAnnounce] = useState("");
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusKey === null) return;
    document.getElementById(`template-target-${focusKey}`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const weightValue = Number(weight);
  const weightError =
    checked && (weight === "" || !Number.isInteger(weightValue) || weightValue < 0 || weightValue > 100)
      ? t("commitments.template.weightRange")
      : undefined;
  const server = fieldErrors(save.error);
  const conflict = isApiError(save.error, "VERSION_CONFLICT");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (weight === "" || !Number.isInteger(weightValue) || weightValue < 0 || weightValue > 100) {
      focusFirstError(event.currentTarget);
      return;
    }
    setAnnounce("");
    save.mutate(
      {
        unitId,
        year,
        studyPrompt: studyPrompt.trim(),
        actionPrompt: actionPrompt.trim(),
        targets: targets
          .filter((row) => row.text.trim())
          .map((row) => ({
            text: row.text.trim(),
            ...(row.measure.trim() ? { measure: row.measure.trim() } : {}),
          })),
        deadline: deadline || null,
        campaignWeight: weightValue,
        ...(own ? { version: own.version } : {}),
      },
      {
        onSuccess: () => {
          setAnnounce(t("commitments.template.saved"));
          void onReload();
        },
      },
    );
  };

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: "sm", sm: "md" }}
      component="section"
      aria-labelledby="template-title"
    >
      <Box component="form" onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} fz="h4" id="template-title">
            {t("commitments.template.title", { year })}
          </Title>
          {!template ? (
            <Text size="sm" c="dimmed">
              {t("commitments.template.none")}
            </Text>
          ) : !template.own ? (
            <Alert color="blue">{t("commitments.template.inherited", { unit: template.unitName })}</Alert>
          ) : null}
          <Textarea
            label={t("commitments.template.studyPrompt")}
            description={t("commitments.template.studyPromptHint")}
            value={studyPrompt}
            onChange={(event) => setStudyPrompt(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            readOnly={!mayEdit}
            error={server.studyPrompt}
          />
          <Textarea
            label={t("commitments.template.actionPrompt")}
            description={t("commitments.template.actionPromptHint")}
            value={actionPrompt}
            onChange={(event) => setActionPrompt(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            readOnly={!mayEdit}
            error={server.actionPrompt}
          />
          <Box component="fieldset" p={0} m={0} style={{ border: 0 }}>
            <Text component="legend" fw={600} size="sm" mb={4}>
              {t("commitments.template.targets")}
            </Text>
            <Stack gap="xs">
              {targets.map((row, index) => (
                <Group key={row.key} gap="xs" align="flex-end" wrap="wrap">
                  <TextInput
                    id={`template-target-${row.key}`}
                    label={t("commitments.form.targetText", { n: index + 1 })}
                    value={row.text}
                    onChange={(event) => {
                      const text = event.currentTarget.value;
                      setTargets((current) => current.map((r) => (r.key === row.key ? { ...r, text } : r)));
                    }}
                    maxLength={500}
                    readOnly={!mayEdit}
                    style={{ flex: "1 1 240px" }}
                  />
                  <TextInput
                    label={t("commitments.form.targetMeasure", { n: index + 1 })}
                    value={row.measure}
                    onChange={(event) => {
                      const measure = event.currentTarget.value;
                      setTargets((current) =>
                        current.map((r) => (r.key === row.key ? { ...r, measure } : r)),
                      );
                    }}
                    maxLength={200}
                    readOnly={!mayEdit}
                    style={{ flex: "1 1 160px" }}
                  />
                  {mayEdit && (
                    <Button
                      variant="subtle"
                      color="red"
                      onClick={() => {
                        setTargets((current) => current.filter((r) => r.key !== row.key));
                        requestAnimationFrame(() => addButton.current?.focus());
                      }}
                      aria-label={t("commitments.form.removeTarget", { n: index + 1 })}
                    >
                      <IconTrash size={18} aria-hidden />
                    </Button>
                  )}
                </Group>
              ))}
            </Stack>
            {mayEdit && (
              <Button
                ref={addButton}
                mt="xs"
                variant="light"
                leftSection={<IconPlus size={18} aria-hidden />}
                onClick={() => {
                  const key = nextKey++;
                  setTargets((current) => [...current, { key, text: "", measure: "" }]);
                  setFocusKey(key);
                }}
                disabled={targets.length >= 20}
              >
                {t("commitments.form.addTarget")}
              </Button>
            )}
          </Box>
          <Group gap="md" align="flex-start" wrap="wrap">
            {mayEdit ? (
              <DateField
                label={t("commitments.template.deadline")}
                description={t("commitments.template.deadlineHint")}
                value={deadline}
                onChange={setDeadline}
                maw={220}
                error={server.deadline}
              />
            ) : (
              <Text size="sm">
                {t("commitments.template.deadline")}: {deadline ? formatDate(deadline) : "—"}
              </Text>
            )}
            <TextInput
              label={t("commitments.template.weight")}
              description={t("commitments.template.weightHint")}
              value={weight}
              onChange={(event) => setWeight(event.currentTarget.value.replace(/[^\d]/g, ""))}
              inputMode="numeric"
              maxLength={3}
              w={220}
              rightSection={<Text size="sm">%</Text>}
              readOnly={!mayEdit}
              error={weightError ?? server.campaignWeight}
            />
          </Group>
          {conflict && (
            <Alert color="orange" role="alert">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{save.error instanceof Error ? save.error.message : ""}</Text>
                <Button variant="white" color="orange" onClick={() => void onReload()}>
                  {t("commitments.form.reload")}
                </Button>
              </Stack>
            </Alert>
          )}
          {save.isError && !conflict && Object.keys(server).length === 0 && <ErrorAlert error={save.error} />}
          {mayEdit && (
            <Group>
              <Button type="submit" loading={save.isPending}>
                {template?.own ? t("commitments.template.save") : t("commitments.template.create")}
              </Button>
              <Text role="status" aria-live="polite" size="sm" c="teal">
                {announce}
              </Text>
            </Group>
          )}
        </Stack>
      </Box>
    </Paper>
  );
}

/** Hạn đề xuất xếp loại: the day the cells below must have proposed by (an officer sets it; else 15 December). */
function ReminderSettingsPanel({ unitId, year }: { unitId: string; year: number }) {
  const settings = useReminderSettings(unitId, year);
  if (settings.isPending) return <ListSkeleton rows={1} />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => settings.refetch()} />;
  return <ReminderSettingsForm key={`${unitId}-${year}-${settings.data.version}`} settings={settings.data} />;
}

function ReminderSettingsForm({ settings }: { settings: ReminderSettings }) {
  const { t } = useTranslation();
  const save = useSaveReminderSettings();
  const [due, setDue] = useState(settings.ownRatingsDue ?? "");
  const [announce, setAnnounce] = useState("");
  const mayEdit = settings.allowedActions.includes("update");
  const source =
    settings.source === "own"
      ? t("commitments.reminders.sourceOwn")
      : settings.source === "inherited"
        ? t("commitments.reminders.sourceInherited", { unit: settings.sourceUnit?.name ?? "" })
        : t("commitments.reminders.sourceDefault");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAnnounce("");
    save.mutate(
      {
        unitId: settings.unitId,
        year: settings.year,
        ratingsDue: due || null,
        ...(settings.version !== null ? { version: settings.version } : {}),
      },
      { onSuccess: () => setAnnounce(t("commitments.reminders.saved")) },
    );
  };

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: "sm", sm: "md" }}
      component="section"
      aria-labelledby="reminder-settings-title"
    >
      <Box component="form" onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} fz="h4" id="reminder-settings-title">
            {t("commitments.reminders.title")}
          </Title>
          <Text size="sm">
            {t("commitments.reminders.inForce", { date: formatDate(settings.ratingsDue) })} ({source})
          </Text>
          <Text size="sm" c="dimmed">
            {t("commitments.reminders.explain")}
          </Text>
          {mayEdit && (
            <>
              <DateField
                label={t("commitments.reminders.ownDue")}
                description={t("commitments.reminders.ownDueHint")}
                value={due}
                onChange={setDue}
                maw={240}
              />
              {save.isError && <ErrorAlert error={save.error} />}
              <Group>
                <Button type="submit" variant="default" loading={save.isPending}>
                  {t("commitments.reminders.save")}
                </Button>
                <Text role="status" aria-live="polite" size="sm" c="teal">
                  {announce}
                </Text>
              </Group>
            </>
          )}
        </Stack>
      </Box>
    </Paper>
  );
}
