import {
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormActions } from "../../components/AppModal";
import { BareList } from "../../components/BareList";
import { DateField } from "../../components/DateField";
import { FormAlerts } from "../../components/FormAlerts";
import { focusFirstError } from "../../components/focusFirstError";
import { fieldErrors, isApiError } from "../../lib/api";
import { todayInVietnam } from "../../lib/format";
import { useCurrentUser } from "../../lib/session";
import { UnitSelect } from "../units/UnitSelect";
import {
  PRACTICE_KINDS,
  type PracticeDetail,
  type PracticeInput,
  type PracticeKind,
  uploadPracticeFile,
  useCreatePractice,
  useFields,
  useReloadPractice,
  useUpdatePractice,
} from "./api";
import { ChooseFilesButton, type PendingFile, PendingRow, pendingOf } from "./EvidenceFiles";
import { PersonSelect } from "./PersonSelect";

const LIMITS = { title: 300, summary: 1000, description: 20_000, results: 10_000 } as const;

interface Values {
  kind: PracticeKind;
  unitId: string | null;
  personId: string | null;
  fieldCode: string | null;
  startedOn: string;
  title: string;
  summary: string;
  description: string;
  results: string;
}

function initialValues(practice: PracticeDetail | null, unitId: string | null): Values {
  return {
    kind: practice?.kind ?? "collective",
    unitId: practice?.unit.id ?? unitId,
    personId: practice?.person?.id ?? null,
    fieldCode: practice?.field.code ?? null,
    startedOn: practice?.startedOn ?? "",
    title: practice?.title ?? "",
    summary: practice?.summary ?? "",
    description: practice?.description ?? "",
    results: practice?.results ?? "",
  };
}

/** A chosen file the server refused, and its reason ("Ảnh bị hỏng…"). */
export interface FailedUpload {
  name: string;
  reason: string;
}

/**
 * Registers a model (no `practice`: then the chosen evidence files upload once it is saved) or
 * edits one, sending only what changed with the version it was read at; a stale version shows a
 * reload button, like the other forms.
 */
export function PracticeForm({
  practice,
  onDone,
  onCancel,
}: {
  practice: PracticeDetail | null;
  /** After saving (and uploading the chosen files); `failedUploads`: the files that did not go, and why. */
  onDone: (practice: PracticeDetail, failedUploads: FailedUpload[]) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const create = useCreatePractice();
  const update = useUpdatePractice();
  const reload = useReloadPractice();
  const fields = useFields();
  const mutation = practice ? update : create;
  const [values, setValues] = useState<Values>(() => initialValues(practice, user.unitId));
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState<PendingFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const english = i18n.resolvedLanguage === "en";

  const clientErrors: Partial<Record<keyof Values, string>> = {};
  if (!values.title.trim()) clientErrors.title = t("practices.errors.titleRequired");
  else if (values.title.trim().length < 3) clientErrors.title = t("validation.minLength", { count: 3 });
  if (!values.unitId) clientErrors.unitId = t("practices.errors.unitRequired");
  if (values.kind === "individual" && !values.personId)
    clientErrors.personId = t("practices.errors.personRequired");
  if (!values.fieldCode) clientErrors.fieldCode = t("practices.errors.fieldRequired");
  if (values.startedOn && values.startedOn > todayInVietnam())
    clientErrors.startedOn = t("practices.errors.startedInFuture");
  for (const key of ["title", "summary", "description", "results"] as const)
    if (values[key].length > LIMITS[key])
      clientErrors[key] = t("practices.errors.tooLong", { count: LIMITS[key] });

  const serverErrors = fieldErrors(mutation.error);
  const errorOf = (field: keyof Values) =>
    (submitted ? clientErrors[field] : undefined) ?? serverErrors[field];
  const conflict = isApiError(mutation.error, "VERSION_CONFLICT");
  const showGeneralError = mutation.isError && !conflict && Object.keys(serverErrors).length === 0;
  const busy = mutation.isPending || uploading;

  const patchPending = (key: string, change: Partial<PendingFile>) =>
    setPending((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  /** Uploads the chosen files one after the other; answers those that failed, with the server's reason. */
  const uploadPending = async (practiceId: string): Promise<FailedUpload[]> => {
    const failed: FailedUpload[] = [];
    setUploading(true);
    for (const item of pending) {
      patchPending(item.key, { progress: 0, error: null });
      try {
        await uploadPracticeFile(practiceId, item.file, (sent) => patchPending(item.key, { progress: sent }));
      } catch (error) {
        const reason = error instanceof Error ? error.message : t("errors.unknown");
        failed.push({ name: item.file.name, reason });
        patchPending(item.key, { error: reason });
      }
    }
    setUploading(false);
    return failed;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    focusFirstError(event.currentTarget);
    if (Object.keys(clientErrors).length > 0) return;
    const input: PracticeInput = {
      title: values.title.trim(),
      summary: values.summary.trim(),
      description: values.description.trim(),
      results: values.results.trim(),
      fieldCode: values.fieldCode ?? "",
      startedOn: values.startedOn || null,
    };
    if (!practice) {
      if (!values.unitId) return;
      create.mutate(
        {
          ...input,
          kind: values.kind,
          unitId: values.unitId,
          personId: values.kind === "individual" ? values.personId : null,
        },
        {
          onSuccess: async ({ practice: created }) => {
            const failed = pending.length > 0 ? await uploadPending(created.id) : [];
            if (failed.length > 0) await reload(created.id);
            onDone(created, failed);
          },
        },
      );
      return;
    }
    const before: PracticeInput = {
      title: practice.title,
      summary: practice.summary,
      description: practice.description,
      results: practice.results,
      fieldCode: practice.field.code,
      startedOn: practice.startedOn,
    };
    const changes: Partial<PracticeInput> & { personId?: string | null } = {};
    for (const key of Object.keys(input) as (keyof PracticeInput)[])
      if (input[key] !== before[key]) Object.assign(changes, { [key]: input[key] });
    if (practice.kind === "individual" && values.personId !== (practice.person?.id ?? null))
      changes.personId = values.personId;
    if (Object.keys(changes).length === 0) {
      onDone(practice, []);
      return;
    }
    update.mutate(
      { id: practice.id, version: practice.version, ...changes },
      { onSuccess: (result) => onDone(result.practice, []) },
    );
  };

  const textArea = (key: "summary" | "description" | "results", minRows: number) => (
    <Textarea
      label={t(`practices.${key}`)}
      description={t(`practices.${key}Hint`)}
      value={values[key]}
      onChange={(event) => set(key, event.currentTarget.value)}
      error={errorOf(key)}
      autosize
      minRows={minRows}
      maxRows={16}
      size="md"
    />
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="practice-form-title">
      <Stack>
        <FormAlerts
          conflict={conflict}
          onReload={() => {
            update.reset();
            void reload(practice?.id);
          }}
          failed={showGeneralError}
          message={mutation.error?.message}
        />
        <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }}>
          <Stack>
            <Title order={2} fz="h4" id="practice-form-title">
              {t("practices.form.general")}
            </Title>
            {practice ? (
              <Text size="sm">
                {t(`practices.kinds.${practice.kind}`)} · {practice.unit.name}
              </Text>
            ) : (
              <>
                <Radio.Group
                  label={t("practices.kind")}
                  value={values.kind}
                  onChange={(value) => set("kind", value === "individual" ? "individual" : "collective")}
                  required
                >
                  <Group gap="lg" mt={6}>
                    {PRACTICE_KINDS.map((kind) => (
                      <Radio key={kind} value={kind} label={t(`practices.kinds.${kind}`)} />
                    ))}
                  </Group>
                </Radio.Group>
                <UnitSelect
                  label={t("practices.unit")}
                  description={t("practices.unitHint")}
                  required
                  activeOnly
                  value={values.unitId}
                  initialUnit={{ id: user.unitId, name: user.unitName }}
                  onChange={(unit) =>
                    setValues((current) => ({ ...current, unitId: unit?.id ?? null, personId: null }))
                  }
                  error={errorOf("unitId")}
                />
              </>
            )}
            {values.kind === "individual" && (
              <PersonSelect
                area="practices"
                activeOnly
                key={values.unitId ?? ""}
                unitId={values.unitId}
                value={values.personId}
                initial={practice?.person ?? null}
                onChange={(id) => set("personId", id)}
                error={errorOf("personId")}
              />
            )}
            <TextInput
              label={t("practices.titleField")}
              description={t("practices.titleHint")}
              required
              value={values.title}
              onChange={(event) => set("title", event.currentTarget.value)}
              error={errorOf("title")}
              autoComplete="off"
              data-autofocus
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <Select
                label={t("practices.field")}
                placeholder={t("practices.fieldPlaceholder")}
                required
                data={(fields.data?.items ?? []).map((field) => ({
                  value: field.code,
                  label: english ? field.nameEn : field.name,
                }))}
                value={values.fieldCode}
                onChange={(value) => set("fieldCode", value)}
                error={errorOf("fieldCode")}
                comboboxProps={{ withinPortal: true }}
              />
              <DateField
                label={t("practices.startedOn")}
                value={values.startedOn}
                onChange={(value) => set("startedOn", value)}
                error={errorOf("startedOn")}
              />
            </SimpleGrid>
            {textArea("summary", 2)}
            {textArea("description", 4)}
            {textArea("results", 3)}
          </Stack>
        </Paper>
        {!practice && (
          <Paper
            withBorder
            radius="md"
            p={{ base: "sm", sm: "md" }}
            component="section"
            aria-labelledby="new-files"
          >
            <Stack gap="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Title order={2} fz="h4" id="new-files">
                  {t("practices.files.title")}
                </Title>
                <ChooseFilesButton
                  disabled={busy}
                  onChoose={(files) => setPending((current) => [...current, ...pendingOf(files)])}
                />
              </Group>
              <Text size="sm" c="dimmed">
                {t("practices.files.hintNew")}
              </Text>
              {pending.length > 0 && (
                <BareList gap="xs" aria-live="polite">
                  {pending.map((item) => (
                    <PendingRow
                      key={item.key}
                      item={item}
                      onRemove={
                        busy
                          ? undefined
                          : () => setPending((current) => current.filter((other) => other.key !== item.key))
                      }
                    />
                  ))}
                </BareList>
              )}
            </Stack>
          </Paper>
        )}
        <FormActions
          onCancel={onCancel}
          pending={busy}
          submitLabel={practice ? t("common.save") : t("practices.form.saveDraft")}
        />
      </Stack>
    </form>
  );
}
