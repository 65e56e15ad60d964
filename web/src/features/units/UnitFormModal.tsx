import { Button, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps } from "../../components/AppModal";
import { DateField } from "../../components/DateField";
import { FormAlerts } from "../../components/FormAlerts";
import { focusFirstError } from "../../components/focusFirstError";
import { notifySuccess } from "../../components/notify";
import { fieldErrors, isApiError } from "../../lib/api";
import { AdminAreaSelect } from "./AdminAreaSelect";
import {
  type UnitDetail,
  type UnitFields,
  type UnitKind,
  useCreateUnit,
  useReloadUnits,
  useUnitKinds,
  useUpdateUnit,
} from "./api";
import { fromRows, type TermRow, TermsField, termErrors, toRows } from "./TermsField";

export type UnitFormMode = { kind: "edit"; unit: UnitDetail } | { kind: "create"; parent: UnitDetail };

interface Values {
  name: string;
  shortName: string;
  code: string;
  kindId: string | null;
  adminAreaCode: string | null;
  terms: TermRow[];
  documentCode: string;
  activeFrom: string;
  phone: string;
  email: string;
  address: string;
}

/** The kind a new child most likely has: the one level below the parent's (a cell under a grassroots). */
function childKind(kinds: readonly UnitKind[], parent: UnitDetail): string | null {
  const level = kinds.find((kind) => kind.id === parent.kind?.id)?.level;
  if (level === undefined) return null;
  return kinds.find((kind) => kind.level === level + 1)?.id ?? null;
}

/** Edit a unit (with its version) or add a sub-unit under it. */
export function UnitFormModal({
  opened,
  onClose,
  mode,
}: DialogProps & {
  mode: UnitFormMode;
}) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={
        mode.kind === "edit"
          ? t("units.editTitle", { name: mode.unit.name })
          : t("units.addChildTitle", { name: mode.parent.name })
      }
    >
      {/* Mounted only while open, so each opening starts from the unit's current values. */}
      {opened && <UnitForm mode={mode} onClose={onClose} />}
    </AppModal>
  );
}

function UnitForm({ mode, onClose }: { mode: UnitFormMode; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const kinds = useUnitKinds();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const reload = useReloadUnits();
  const mutation = mode.kind === "edit" ? update : create;
  const unit = mode.kind === "edit" ? mode.unit : null;
  const [values, setValues] = useState<Values>({
    name: unit?.name ?? "",
    shortName: unit?.shortName ?? "",
    code: unit?.code ?? "",
    kindId: unit?.kind?.id ?? null,
    adminAreaCode: unit?.adminAreaCode ?? null,
    terms: toRows(unit?.terms),
    documentCode: unit?.documentCode ?? "",
    activeFrom: unit?.activeFrom ?? "",
    phone: unit?.contact?.phone ?? "",
    email: unit?.contact?.email ?? "",
    address: unit?.contact?.address ?? "",
  });
  const [kindTouched, setKindTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  // A new unit's kind defaults to the level below its parent, once the kinds have loaded.
  const suggestedKind =
    mode.kind === "create" && !kindTouched && kinds.data ? childKind(kinds.data.items, mode.parent) : null;
  const kindId = mode.kind === "create" && !kindTouched ? suggestedKind : values.kindId;

  const clientErrors: Partial<Record<keyof Values, string>> = {};
  if (!values.name.trim()) clientErrors.name = t("validation.required");
  const termProblems = termErrors(values.terms, t);
  if (Object.keys(termProblems).length) clientErrors.terms = t("units.termsEditor.invalid");
  const serverErrors = fieldErrors(mutation.error);
  const errorOf = (field: keyof Values) =>
    (submitted ? clientErrors[field] : undefined) ??
    serverErrors[field] ??
    (["phone", "email", "address"].includes(field) ? serverErrors.contact : undefined);
  const conflict = isApiError(mutation.error, "VERSION_CONFLICT");
  const showGeneralError = mutation.isError && !conflict && Object.keys(serverErrors).length === 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    focusFirstError(event.currentTarget);
    if (Object.keys(clientErrors).length > 0) return;
    const orNull = (value: string) => value.trim() || null;
    const contactValues = {
      phone: values.phone.trim(),
      email: values.email.trim(),
      address: values.address.trim(),
    };
    const contact = Object.fromEntries(Object.entries(contactValues).filter(([, value]) => value));
    const fields: UnitFields = {
      name: values.name.trim(),
      shortName: orNull(values.shortName),
      code: orNull(values.code),
      kindId,
      adminAreaCode: values.adminAreaCode,
      documentCode: orNull(values.documentCode),
      activeFrom: values.activeFrom || null,
      contact: Object.keys(contact).length ? contact : null,
      terms: fromRows(values.terms),
    };
    if (mode.kind === "create") {
      create.mutate(
        { ...fields, name: values.name.trim(), parentId: mode.parent.id },
        {
          onSuccess: (result) => {
            notifySuccess(t("units.created", { name: result.unit.name }));
            onClose();
          },
        },
      );
      return;
    }
    const before: UnitFields = {
      name: mode.unit.name,
      shortName: mode.unit.shortName,
      code: mode.unit.code,
      kindId: mode.unit.kind?.id ?? null,
      adminAreaCode: mode.unit.adminAreaCode,
      documentCode: mode.unit.documentCode,
      activeFrom: mode.unit.activeFrom,
      contact: mode.unit.contact && Object.keys(mode.unit.contact).length ? mode.unit.contact : null,
      terms: mode.unit.terms?.length ? mode.unit.terms : null,
    };
    const changes: UnitFields = {};
    for (const key of Object.keys(fields) as (keyof UnitFields)[]) {
      if (JSON.stringify(fields[key] ?? null) !== JSON.stringify(before[key] ?? null))
        Object.assign(changes, { [key]: fields[key] });
    }
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { id: mode.unit.id, version: mode.unit.version, ...changes },
      {
        onSuccess: (result) => {
          notifySuccess(t("units.saved", { name: result.unit.name }));
          onClose();
        },
      },
    );
  };

  const english = i18n.resolvedLanguage === "en";
  const text = (
    key: Exclude<keyof Values, "terms" | "kindId" | "adminAreaCode">,
    label: string,
    extra: Record<string, unknown> = {},
  ) => (
    <TextInput
      label={label}
      value={values[key] ?? ""}
      onChange={(event) => set(key, event.currentTarget.value)}
      error={errorOf(key)}
      autoComplete="off"
      {...extra}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlerts
          conflict={conflict}
          onReload={() => {
            void reload();
            onClose();
          }}
          failed={showGeneralError}
          message={mutation.error?.message}
        />
        {text("name", t("units.name"), { required: true, "data-autofocus": true })}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t("units.kind")}
            placeholder={t("units.kindPlaceholder")}
            data={(kinds.data?.items ?? []).map((kind) => ({
              value: kind.id,
              label: english ? kind.nameEn : kind.name,
            }))}
            value={kindId}
            onChange={(value) => {
              setKindTouched(true);
              set("kindId", value);
            }}
            clearable
            error={errorOf("kindId")}
            comboboxProps={{ withinPortal: true }}
          />
          {text("code", t("units.code"), { description: t("units.codeHint"), autoCapitalize: "none" })}
          {text("shortName", t("units.shortName"))}
          {text("documentCode", t("units.documentCode"), { description: t("units.documentCodeHint") })}
          <DateField
            label={t("units.activeFrom")}
            value={values.activeFrom}
            onChange={(value) => set("activeFrom", value)}
            error={errorOf("activeFrom")}
          />
          {text("phone", t("units.phone"), { type: "tel", inputMode: "tel" })}
          {text("email", t("units.email"), { type: "email", autoCapitalize: "none" })}
        </SimpleGrid>
        {text("address", t("units.address"))}
        <AdminAreaSelect
          label={t("units.adminArea.label")}
          description={t("units.adminArea.hint")}
          value={values.adminAreaCode}
          initialArea={unit?.adminArea ?? null}
          onChange={(code) => set("adminAreaCode", code)}
          error={errorOf("adminAreaCode")}
        />
        <TermsField
          rows={values.terms}
          onChange={(rows) => set("terms", rows)}
          errors={submitted ? termProblems : {}}
          serverError={serverErrors.terms}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {mode.kind === "edit" ? t("common.save") : t("units.addChild")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
