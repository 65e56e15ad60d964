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
import { DateField } from "../../components/DateField";
import { FormAlerts } from "../../components/FormAlerts";
import { focusFirstError } from "../../components/focusFirstError";
import { fieldErrors, isApiError } from "../../lib/api";
import { todayInVietnam } from "../../lib/format";
import { useCurrentUser } from "../../lib/session";
import { useFields } from "../practices/api";
import { PersonSelect } from "../practices/PersonSelect";
import { UnitSelect } from "../units/UnitSelect";
import {
  EXEMPLAR_KINDS,
  type ExemplarDetail,
  type ExemplarInput,
  type ExemplarKind,
  useCreateExemplar,
  useReloadExemplar,
  useUpdateExemplar,
} from "./api";

const LIMITS = { story: 20_000, achievements: 10_000, personName: 200, personUnitName: 300 } as const;

/** An individual is a person of the registry, or (outside it) a name with their unit or address. */
type PersonMode = "registry" | "other";

interface Values {
  kind: ExemplarKind;
  unitId: string | null;
  subjectUnitId: string | null;
  personMode: PersonMode;
  personId: string | null;
  personName: string;
  personUnitName: string;
  fieldCode: string | null;
  registeredOn: string;
  story: string;
  achievements: string;
}

function initialValues(exemplar: ExemplarDetail | null, unitId: string): Values {
  return {
    kind: exemplar?.kind ?? "individual",
    unitId: exemplar?.unit.id ?? unitId,
    subjectUnitId: exemplar?.subjectUnit?.id ?? null,
    personMode: exemplar && !exemplar.person && exemplar.personName ? "other" : "registry",
    personId: exemplar?.person?.id ?? null,
    personName: exemplar?.personName ?? "",
    personUnitName: exemplar?.personUnitName ?? "",
    fieldCode: exemplar?.field.code ?? null,
    registeredOn: exemplar?.registeredOn ?? "",
    story: exemplar?.story ?? "",
    achievements: exemplar?.achievements ?? "",
  };
}

/** What the subject fields say, as the server takes them. */
function subjectOf(values: Values): ExemplarInput {
  if (values.kind === "collective") return { subjectUnitId: values.subjectUnitId };
  return values.personMode === "registry"
    ? { personId: values.personId, personName: null, personUnitName: null }
    : { personId: null, personName: values.personName.trim(), personUnitName: values.personUnitName.trim() };
}

/**
 * Nominates an exemplar (no `exemplar`) or edits one, sending only what changed with the version
 * it was read at; a stale version shows a reload button, like the other forms.
 */
export function ExemplarForm({
  exemplar,
  onDone,
  onCancel,
}: {
  exemplar: ExemplarDetail | null;
  onDone: (exemplar: ExemplarDetail) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const create = useCreateExemplar();
  const update = useUpdateExemplar();
  const reload = useReloadExemplar();
  const fields = useFields();
  const mutation = exemplar ? update : create;
  const [values, setValues] = useState<Values>(() => initialValues(exemplar, user.unitId));
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const english = i18n.resolvedLanguage === "en";

  const clientErrors: Partial<Record<keyof Values, string>> = {};
  if (!values.unitId) clientErrors.unitId = t("exemplars.errors.unitRequired");
  if (values.kind === "individual" && values.personMode === "registry" && !values.personId)
    clientErrors.personId = t("exemplars.errors.personRequired");
  if (values.kind === "individual" && values.personMode === "other") {
    if (values.personName.trim().length < 2) clientErrors.personName = t("exemplars.errors.nameRequired");
    if (!values.personUnitName.trim()) clientErrors.personUnitName = t("exemplars.errors.addressRequired");
  }
  if (!values.fieldCode) clientErrors.fieldCode = t("exemplars.errors.fieldRequired");
  if (values.registeredOn && values.registeredOn > todayInVietnam())
    clientErrors.registeredOn = t("exemplars.errors.inFuture");
  for (const key of ["story", "achievements", "personName", "personUnitName"] as const)
    if (values[key].length > LIMITS[key])
      clientErrors[key] = t("exemplars.errors.tooLong", { count: LIMITS[key] });

  const serverErrors = fieldErrors(mutation.error);
  const errorOf = (field: keyof Values) =>
    (submitted ? clientErrors[field] : undefined) ?? serverErrors[field];
  const conflict = isApiError(mutation.error, "VERSION_CONFLICT");
  const showGeneralError = mutation.isError && !conflict && Object.keys(serverErrors).length === 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    focusFirstError(event.currentTarget);
    if (Object.keys(clientErrors).length > 0) return;
    const text = { story: values.story.trim(), achievements: values.achievements.trim() };
    if (!exemplar) {
      if (!values.unitId || !values.fieldCode) return;
      create.mutate(
        {
          kind: values.kind,
          unitId: values.unitId,
          fieldCode: values.fieldCode,
          ...subjectOf(values),
          ...text,
          ...(values.registeredOn ? { registeredOn: values.registeredOn } : {}),
        },
        { onSuccess: ({ exemplar: created }) => onDone(created) },
      );
      return;
    }
    const changes: ExemplarInput = {};
    if (text.story !== exemplar.story) changes.story = text.story;
    if (text.achievements !== exemplar.achievements) changes.achievements = text.achievements;
    if (values.fieldCode && values.fieldCode !== exemplar.field.code) changes.fieldCode = values.fieldCode;
    const before = subjectOf(initialValues(exemplar, user.unitId));
    const after = subjectOf(values);
    if (JSON.stringify(before) !== JSON.stringify(after)) Object.assign(changes, after);
    if (Object.keys(changes).length === 0) {
      onDone(exemplar);
      return;
    }
    update.mutate(
      { id: exemplar.id, version: exemplar.version, ...changes },
      { onSuccess: (result) => onDone(result.exemplar) },
    );
  };

  const textArea = (key: "story" | "achievements", minRows: number) => (
    <Textarea
      label={t(`exemplars.${key}`)}
      description={t(`exemplars.form.${key}Hint`)}
      value={values[key]}
      onChange={(event) => set(key, event.currentTarget.value)}
      error={errorOf(key)}
      autosize
      minRows={minRows}
      maxRows={18}
      size="md"
    />
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="exemplar-form-title">
      <Stack>
        <FormAlerts
          conflict={conflict}
          onReload={() => {
            update.reset();
            void reload(exemplar?.id);
          }}
          failed={showGeneralError}
          message={mutation.error?.message}
        />
        <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }}>
          <Stack>
            <Title order={2} fz="h4" id="exemplar-form-title">
              {t("exemplars.form.who")}
            </Title>
            {exemplar ? (
              <Text size="sm">
                {t(`exemplars.kinds.${exemplar.kind}`)} ·{" "}
                {t("exemplars.nominatedBy", { unit: exemplar.unit.name })}
              </Text>
            ) : (
              <>
                <Radio.Group
                  label={t("exemplars.kind")}
                  value={values.kind}
                  onChange={(value) => set("kind", value === "collective" ? "collective" : "individual")}
                  required
                >
                  <Group gap="lg" mt={6}>
                    {EXEMPLAR_KINDS.map((kind) => (
                      <Radio key={kind} value={kind} label={t(`exemplars.kinds.${kind}`)} />
                    ))}
                  </Group>
                </Radio.Group>
                <UnitSelect
                  label={t("exemplars.form.unit")}
                  description={t("exemplars.form.unitHint")}
                  required
                  activeOnly
                  value={values.unitId}
                  initialUnit={{ id: user.unitId, name: user.unitName }}
                  onChange={(unit) =>
                    setValues((current) => ({
                      ...current,
                      unitId: unit?.id ?? null,
                      personId: null,
                      subjectUnitId: null,
                    }))
                  }
                  error={errorOf("unitId")}
                />
              </>
            )}
            {values.kind === "collective" ? (
              <UnitSelect
                key={values.unitId ?? ""}
                label={t("exemplars.form.subjectUnit")}
                description={t("exemplars.form.subjectUnitHint")}
                placeholder={t("exemplars.form.subjectUnitPlaceholder")}
                clearable
                activeOnly
                value={values.subjectUnitId}
                initialUnit={exemplar?.subjectUnit ?? null}
                onChange={(unit) => set("subjectUnitId", unit?.id ?? null)}
                error={errorOf("subjectUnitId")}
              />
            ) : (
              <>
                <Radio.Group
                  label={t("exemplars.form.personMode")}
                  value={values.personMode}
                  onChange={(value) => set("personMode", value === "other" ? "other" : "registry")}
                >
                  <Stack gap="xs" mt={6}>
                    <Radio value="registry" label={t("exemplars.form.modes.registry")} />
                    <Radio value="other" label={t("exemplars.form.modes.other")} />
                  </Stack>
                </Radio.Group>
                {values.personMode === "registry" ? (
                  <PersonSelect
                    area="exemplars"
                    key={values.unitId ?? ""}
                    unitId={values.unitId}
                    value={values.personId}
                    initial={exemplar?.person ?? null}
                    onChange={(id) => set("personId", id)}
                    error={errorOf("personId")}
                  />
                ) : (
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <TextInput
                      label={t("exemplars.form.personName")}
                      required
                      value={values.personName}
                      onChange={(event) => set("personName", event.currentTarget.value)}
                      error={errorOf("personName")}
                      autoComplete="off"
                    />
                    <TextInput
                      label={t("exemplars.form.personUnitName")}
                      description={t("exemplars.form.personUnitNameHint")}
                      required
                      value={values.personUnitName}
                      onChange={(event) => set("personUnitName", event.currentTarget.value)}
                      error={errorOf("personUnitName")}
                      autoComplete="off"
                    />
                  </SimpleGrid>
                )}
              </>
            )}
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }}>
          <Stack>
            <Title order={2} fz="h4">
              {t("exemplars.form.what")}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <Select
                label={t("exemplars.field")}
                placeholder={t("exemplars.form.fieldPlaceholder")}
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
              {!exemplar && (
                <DateField
                  label={t("exemplars.registeredOn")}
                  description={t("exemplars.form.registeredOnHint")}
                  value={values.registeredOn}
                  onChange={(value) => set("registeredOn", value)}
                  error={errorOf("registeredOn")}
                />
              )}
            </SimpleGrid>
            {textArea("story", 5)}
            {textArea("achievements", 3)}
          </Stack>
        </Paper>
        <FormActions
          onCancel={onCancel}
          pending={mutation.isPending}
          submitLabel={exemplar ? t("common.save") : t("exemplars.form.saveDraft")}
        />
      </Stack>
    </form>
  );
}
