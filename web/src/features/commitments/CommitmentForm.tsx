import {
  Alert,
  Box,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconPlus, IconSend, IconTrash } from "@tabler/icons-react";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { focusFirstError } from "../../components/focusFirstError";
import { isApiError } from "../../lib/api";
import { formatDate, formatDateTime } from "../../lib/format";
import { type MyCommitment, type Target, useSaveMyCommitment, useSubmitMyCommitment } from "./api";

/** How long after the last keystroke the draft is saved. */
export const AUTOSAVE_DELAY_MS = 1200;
const LIMITS = { text: 5000, target: 500, measure: 200, targets: 20 } as const;

interface TargetRow {
  key: number;
  text: string;
  measure: string;
}
interface Values {
  study: string;
  actions: string;
  targets: TargetRow[];
}
type SaveState = "idle" | "saving" | "saved" | "error" | "conflict";

let nextKey = 1;
const rowsOf = (targets: Target[]): TargetRow[] =>
  targets.map((target) => ({ key: nextKey++, text: target.text, measure: target.measure ?? "" }));

function initialValues(mine: MyCommitment): Values {
  if (mine.commitment)
    return {
      study: mine.commitment.study,
      actions: mine.commitment.actions,
      targets: rowsOf(mine.commitment.targets),
    };
  // A first draft starts from the template's suggested targets.
  const suggested = mine.template?.targets ?? [];
  return {
    study: "",
    actions: "",
    targets: suggested.length ? rowsOf(suggested) : [{ key: nextKey++, text: "", measure: "" }],
  };
}

/** What the server stores: trimmed texts, targets without text left out (a half-typed row is kept on screen). */
function payload(values: Values) {
  return {
    study: values.study.trim(),
    actions: values.actions.trim(),
    targets: values.targets
      .filter((target) => target.text.trim())
      .map((target) => ({
        text: target.text.trim(),
        ...(target.measure.trim() ? { measure: target.measure.trim() } : {}),
      })),
  };
}

/**
 * Viết bản cam kết: the template's prompts above each part, the suggested targets to keep, change
 * or remove, more targets added. The draft saves itself a moment after each change, with the
 * version it read (a second device or tab that saved in between → an offer to reload); the save's
 * state is announced politely. "Nộp" checks the parts, asks for confirmation, saves what is left
 * and submits.
 */
export function CommitmentForm({
  mine,
  onReload,
}: {
  mine: MyCommitment;
  /** Reads the commitment again and restarts the form from it (after a conflict). */
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const year = mine.year;
  const save = useSaveMyCommitment();
  const saveAsync = useRef(save.mutateAsync);
  saveAsync.current = save.mutateAsync;
  const submit = useSubmitMyCommitment();
  const [values, setValues] = useState<Values>(() => initialValues(mine));
  const [state, setState] = useState<SaveState>(mine.commitment ? "saved" : "idle");
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [dirty, setDirty] = useState(false);
  const [checked, setChecked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const version = useRef<number | undefined>(mine.commitment?.version);
  /** The values as of the last keystroke: set with each change, before React renders it. */
  const latest = useRef(values);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const again = useRef(false);
  const blocked = useRef(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<number | null>(null);

  /** Saves the latest values (one request at a time; changes made meanwhile are saved right after). */
  const flush = useCallback((): Promise<boolean> => {
    if (blocked.current) return Promise.resolve(false);
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    const run = async () => {
      do {
        again.current = false;
        setState("saving");
        const sent = latest.current;
        try {
          const { commitment } = await saveAsync.current({
            year,
            ...payload(sent),
            ...(version.current !== undefined ? { version: version.current } : {}),
          });
          version.current = commitment.version;
          setSaveError(null);
          setSavedAt(new Date());
          setState("saved");
          // Changes typed while this save was on its way are saved right after it.
          if (latest.current === sent) setDirty(false);
          else again.current = true;
        } catch (error) {
          setSaveError(error);
          if (isApiError(error, "VERSION_CONFLICT") || isApiError(error, "STATE_CONFLICT")) {
            blocked.current = true;
            setState("conflict");
          } else setState("error");
          return false;
        }
      } while (again.current);
      return true;
    };
    inFlight.current = run().finally(() => {
      inFlight.current = null;
    });
    return inFlight.current;
  }, [year]);

  // Autosave: a moment after the last change.
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [dirty, flush]);

  // A new target's text gets the focus once it is on screen.
  useEffect(() => {
    if (focusTarget === null) return;
    document.getElementById(`target-${focusTarget}-text`)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  // A save that returns between a keystroke and its render must see that keystroke (else it marks
  // the form clean and the keystroke is never saved): the latest values are kept in a ref at once.
  const change = (next: Partial<Values>) => {
    const updated = { ...latest.current, ...next };
    latest.current = updated;
    setValues(updated);
    setDirty(true);
  };
  const setTarget = (key: number, patch: Partial<TargetRow>) =>
    change({
      targets: latest.current.targets.map((row) => (row.key === key ? { ...row, ...patch } : row)),
    });
  const addTarget = () => {
    const key = nextKey++;
    change({ targets: [...latest.current.targets, { key, text: "", measure: "" }] });
    setFocusTarget(key);
  };
  const removeTarget = (key: number) => {
    change({ targets: latest.current.targets.filter((row) => row.key !== key) });
    requestAnimationFrame(() => addButton.current?.focus());
  };

  const errors: { study?: string; actions?: string; targets?: string } = {};
  if (!values.study.trim()) errors.study = t("commitments.form.studyRequired");
  if (!values.actions.trim()) errors.actions = t("commitments.form.actionsRequired");
  if (!values.targets.some((row) => row.text.trim())) errors.targets = t("commitments.form.targetsRequired");
  const shown = (field: keyof typeof errors) => (checked ? errors[field] : undefined);

  const askSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(errors).length > 0) {
      focusFirstError(event.currentTarget);
      return;
    }
    setConfirming(true);
  };
  const doSubmit = async () => {
    if ((dirty || state !== "saved") && !(await flush())) {
      setConfirming(false);
      return;
    }
    submit.mutate(year, { onSuccess: () => setConfirming(false) });
  };

  const template = mine.template;
  const statusText =
    state === "saved" && savedAt
      ? t("commitments.form.savedAt", { time: formatDateTime(savedAt) })
      : state === "saved"
        ? t("commitments.form.draftSaved")
        : state === "error"
          ? t("commitments.form.saveFailed", {
              message: saveError instanceof Error ? saveError.message : t("errors.unknown"),
            })
          : state === "conflict"
            ? t("commitments.form.conflict")
            : "";

  return (
    <Box component="form" onSubmit={askSubmit} noValidate aria-labelledby="commitment-form-title">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={2} fz="h3" id="commitment-form-title">
            {t("commitments.form.title", { year })}
          </Title>
          {template?.deadline && (
            <Text fz="lg">{t("commitments.form.deadline", { date: formatDate(template.deadline) })}</Text>
          )}
          <Text c="dimmed">{t("commitments.form.autosaveHint")}</Text>
        </Stack>

        {state === "conflict" && (
          <Alert
            color="orange"
            icon={<IconAlertTriangle />}
            title={t("commitments.form.conflictTitle")}
            role="alert"
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t("commitments.form.conflict")}</Text>
              <Button variant="white" color="orange" onClick={onReload}>
                {t("commitments.form.reload")}
              </Button>
            </Stack>
          </Alert>
        )}

        <Textarea
          label={t("commitments.form.study")}
          description={template?.studyPrompt || t("commitments.form.studyHint")}
          value={values.study}
          onChange={(event) => change({ study: event.currentTarget.value })}
          error={shown("study")}
          required
          autosize
          minRows={4}
          maxLength={LIMITS.text}
          size="md"
          data-testid="commitment-study"
        />
        <Textarea
          label={t("commitments.form.actions")}
          description={template?.actionPrompt || t("commitments.form.actionsHint")}
          value={values.actions}
          onChange={(event) => change({ actions: event.currentTarget.value })}
          error={shown("actions")}
          required
          autosize
          minRows={4}
          maxLength={LIMITS.text}
          size="md"
          data-testid="commitment-actions"
        />

        <Box component="fieldset" p={0} m={0} style={{ border: 0 }} aria-describedby="targets-hint">
          <Title order={3} fz="h4" component="legend" mb={4}>
            {t("commitments.form.targets")}
          </Title>
          <Text c="dimmed" size="sm" id="targets-hint" mb="sm">
            {t("commitments.form.targetsHint")}
          </Text>
          {shown("targets") && (
            <Text c="red" size="sm" mb="xs" role="alert">
              {shown("targets")}
            </Text>
          )}
          <Stack gap="sm">
            {values.targets.map((row, index) => (
              <Paper key={row.key} withBorder radius="md" p="sm" data-testid="commitment-target">
                <Stack gap="xs">
                  <TextInput
                    id={`target-${row.key}-text`}
                    label={t("commitments.form.targetText", { n: index + 1 })}
                    value={row.text}
                    onChange={(event) => setTarget(row.key, { text: event.currentTarget.value })}
                    maxLength={LIMITS.target}
                    size="md"
                    aria-invalid={shown("targets") && index === 0 ? true : undefined}
                  />
                  <TextInput
                    label={t("commitments.form.targetMeasure", { n: index + 1 })}
                    value={row.measure}
                    onChange={(event) => setTarget(row.key, { measure: event.currentTarget.value })}
                    maxLength={LIMITS.measure}
                    size="md"
                  />
                  <Group justify="flex-end">
                    <Button
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={18} aria-hidden />}
                      onClick={() => removeTarget(row.key)}
                      aria-label={t("commitments.form.removeTarget", { n: index + 1 })}
                    >
                      {t("commitments.form.remove")}
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            ))}
          </Stack>
          <Button
            ref={addButton}
            mt="sm"
            variant="light"
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={addTarget}
            disabled={values.targets.length >= LIMITS.targets}
          >
            {t("commitments.form.addTarget")}
          </Button>
        </Box>

        <Group gap="xs" wrap="nowrap" mih={24}>
          {state === "saving" && <Loader size="xs" aria-hidden />}
          {state === "saved" && <IconCheck size={18} color="var(--mantine-color-teal-7)" aria-hidden />}
          {state === "saving" && <Text size="sm">{t("commitments.form.saving")}</Text>}
          <Text
            size="sm"
            role="status"
            aria-live="polite"
            c={state === "error" || state === "conflict" ? "red" : undefined}
            data-testid="save-status"
          >
            {state === "saving" ? "" : statusText}
          </Text>
        </Group>

        <Group gap="sm">
          <Button
            type="submit"
            size="lg"
            leftSection={<IconSend size={20} aria-hidden />}
            disabled={state === "conflict"}
          >
            {t("commitments.form.submit")}
          </Button>
          {(dirty || state === "error") && (
            <Button variant="default" size="lg" onClick={() => void flush()} loading={state === "saving"}>
              {t("commitments.form.saveNow")}
            </Button>
          )}
        </Group>
      </Stack>

      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => void doSubmit()}
        title={t("commitments.form.confirmTitle", { year })}
        message={t("commitments.form.confirmMessage")}
        confirmLabel={t("commitments.form.confirmSubmit")}
        color="red"
        loading={submit.isPending || state === "saving"}
        error={submit.error ?? (state === "error" || state === "conflict" ? saveError : undefined)}
      />
    </Box>
  );
}
