import { Button, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { DateField } from "../../components/DateField";
import { FormAlerts } from "../../components/FormAlerts";
import { focusFirstError } from "../../components/focusFirstError";
import { fieldErrors, isApiError } from "../../lib/api";
import { todayInVietnam } from "../../lib/format";
import { UnitSelect } from "../units/UnitSelect";
import {
  type Gender,
  type Person,
  type PersonFields,
  type PersonStatus,
  useCreatePerson,
  useReloadPeople,
  useUpdatePerson,
} from "./api";

interface Values {
  fullName: string;
  givenName: string;
  gender: Gender | null;
  birthDate: string;
  joinedOn: string;
  officialOn: string;
  position: string;
  phone: string;
  email: string;
  unitId: string | null;
  status: PersonStatus;
  statusOn: string;
}

function initialValues(person: Person | null, unit: { id: string } | null): Values {
  return {
    fullName: person?.fullName ?? "",
    givenName: person?.givenName ?? "",
    gender: person?.gender ?? null,
    birthDate: person?.birthDate ?? "",
    joinedOn: person?.joinedOn ?? "",
    officialOn: person?.officialOn ?? "",
    position: person?.position ?? "",
    phone: person?.phone ?? "",
    email: person?.email ?? "",
    unitId: person?.unitId ?? unit?.id ?? null,
    status: person?.status ?? "active",
    statusOn: person?.statusOn ?? "",
  };
}

const TEXT_FIELDS = ["fullName", "givenName", "position", "phone", "email"] as const;
const DATE_FIELDS = ["birthDate", "joinedOn", "officialOn"] as const;

/**
 * Adds a person (no `person`) or edits one (sending the version it was read at; a stale version
 * shows who-changed-it and a reload button). Status changes other than a transfer (death, removal
 * from the registry) are made here too, with their date.
 */
export function PersonForm({
  person,
  defaultUnit,
  onDone,
  onCancel,
}: {
  person: Person | null;
  /** For a new person: the unit chosen in the list's filter, if any. */
  defaultUnit?: { id: string; name: string } | null;
  onDone: (person: Person) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const reload = useReloadPeople();
  const mutation = person ? update : create;
  const [values, setValues] = useState<Values>(() => initialValues(person, defaultUnit ?? null));
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const clientErrors: Partial<Record<keyof Values, string>> = {};
  if (values.fullName.trim().length < 2) clientErrors.fullName = t("validation.required");
  if (!person && !values.unitId) clientErrors.unitId = t("validation.required");
  if (values.birthDate && values.joinedOn && values.joinedOn < values.birthDate)
    clientErrors.joinedOn = t("people.joinedBeforeBirth");
  if (values.joinedOn && values.officialOn && values.officialOn < values.joinedOn)
    clientErrors.officialOn = t("people.officialBeforeJoined");
  if (person && values.status !== person.status && values.status !== "active" && !values.statusOn)
    clientErrors.statusOn = t("validation.required");

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
    const orNull = (value: string) => value.trim() || null;
    const fields: PersonFields = {
      fullName: values.fullName.trim(),
      givenName: orNull(values.givenName),
      gender: values.gender,
      birthDate: values.birthDate || null,
      joinedOn: values.joinedOn || null,
      officialOn: values.officialOn || null,
      position: orNull(values.position),
      phone: orNull(values.phone),
      email: orNull(values.email),
    };
    if (!person) {
      if (!values.unitId) return;
      create.mutate(
        { ...fields, fullName: values.fullName.trim(), unitId: values.unitId },
        {
          onSuccess: (result) => onDone(result.person),
        },
      );
      return;
    }
    // Only what changed is sent, with the version the form was opened at.
    const changes: PersonFields & { status?: PersonStatus; statusOn?: string | null } = {};
    for (const key of [...TEXT_FIELDS, ...DATE_FIELDS, "gender"] as const) {
      const before = person[key] ?? null;
      const after = fields[key] ?? null;
      if (before !== after) Object.assign(changes, { [key]: after });
    }
    if (values.status !== person.status) changes.status = values.status;
    if ((values.statusOn || null) !== person.statusOn) changes.statusOn = values.statusOn || null;
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    update.mutate(
      { id: person.id, version: person.version, ...changes },
      {
        onSuccess: (result) => onDone(result.person),
      },
    );
  };

  const text = (key: (typeof TEXT_FIELDS)[number], label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      value={values[key]}
      onChange={(event) => set(key, event.currentTarget.value)}
      error={errorOf(key)}
      autoComplete="off"
      {...extra}
    />
  );

  // "Đã chuyển đi" is set by a transfer, never chosen here.
  const statusChoices: PersonStatus[] =
    person?.status === "transferred" ? ["transferred"] : ["active", "deceased", "removed"];
  const statusOptions = statusChoices.map((status) => ({
    value: status,
    label: t(`people.statuses.${status}`),
  }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlerts
          conflict={conflict}
          onReload={() => {
            void reload();
            onCancel();
          }}
          failed={showGeneralError}
          message={mutation.error?.message}
        />
        {!person && (
          <UnitSelect
            label={t("people.unit")}
            description={t("people.unitHint")}
            required
            activeOnly
            value={values.unitId}
            initialUnit={defaultUnit ?? null}
            onChange={(unit) => set("unitId", unit?.id ?? null)}
            error={errorOf("unitId")}
          />
        )}
        {text("fullName", t("people.fullName"), { required: true, "data-autofocus": true })}
        {text("givenName", t("people.givenName"), { description: t("people.givenNameHint") })}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t("people.gender")}
            placeholder={t("people.genderUnknown")}
            data={(["male", "female"] as const).map((gender) => ({
              value: gender,
              label: t(`people.genders.${gender}`),
            }))}
            value={values.gender}
            onChange={(value) => set("gender", (value as Gender | null) ?? null)}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
          <DateField
            label={t("people.birthDate")}
            value={values.birthDate}
            onChange={(value) => set("birthDate", value)}
            error={errorOf("birthDate")}
          />
          <DateField
            label={t("people.joinedOn")}
            value={values.joinedOn}
            onChange={(value) => set("joinedOn", value)}
            error={errorOf("joinedOn")}
          />
          <DateField
            label={t("people.officialOn")}
            value={values.officialOn}
            onChange={(value) => set("officialOn", value)}
            error={errorOf("officialOn")}
          />
        </SimpleGrid>
        {text("position", t("people.position"))}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {text("phone", t("people.phone"), { type: "tel", inputMode: "tel" })}
          {text("email", t("people.email"), { type: "email", autoCapitalize: "none" })}
        </SimpleGrid>
        {person && (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t("people.status")}
              data={statusOptions}
              value={values.status}
              onChange={(value) => {
                const status = (value as PersonStatus | null) ?? person.status;
                setValues((current) => ({
                  ...current,
                  status,
                  statusOn:
                    status === person.status
                      ? (person.statusOn ?? "")
                      : status === "active"
                        ? ""
                        : current.statusOn || todayInVietnam(),
                }));
              }}
              allowDeselect={false}
              disabled={person.status === "transferred"}
              comboboxProps={{ withinPortal: true }}
            />
            {values.status !== "active" && (
              <DateField
                label={t("people.statusOn")}
                value={values.statusOn}
                onChange={(value) => set("statusOn", value)}
                error={errorOf("statusOn")}
                required
              />
            )}
          </SimpleGrid>
        )}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel} disabled={mutation.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {person ? t("common.save") : t("people.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
