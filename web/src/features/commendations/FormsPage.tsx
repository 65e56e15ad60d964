import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { IconAlertCircle, IconPencil, IconPlus } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, FormActions } from "../../components/AppModal";
import { type Column, DataTable } from "../../components/DataTable";
import { focusFirstError } from "../../components/focusFirstError";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { fieldErrors, isApiError } from "../../lib/api";
import { useCurrentUser } from "../../lib/session";
import { useKindNames, useUnitKinds } from "../units/api";
import {
  type CommendationForm,
  type FormFields,
  RECIPIENT_KINDS,
  type RecipientKind,
  useCreateForm,
  useForms,
  useUpdateForm,
} from "./api";
import { CommendationTabs } from "./bits";

/**
 * Hình thức khen thưởng: the catalogue and which unit kinds may issue each form. Everyone reads
 * what applies to their unit; administrators see every definition of their subtree and edit them.
 */
export function FormsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const admin = user.role === "admin";
  const forms = useForms({ view: admin ? "all" : "effective" });
  const kindName = useKindNames();
  const [editing, setEditing] = useState<CommendationForm | "new" | null>(null);

  const columns: Column<CommendationForm>[] = [
    {
      key: "name",
      header: t("commendations.forms.name"),
      hideInCard: true,
      render: (f) => <FormName form={f} />,
    },
    { key: "rank", header: t("commendations.forms.rank"), nowrap: true, render: (f) => f.rank },
    {
      key: "issuers",
      header: t("commendations.forms.issuerKinds"),
      render: (f) => f.issuerKinds.map((k) => kindName(k)).join(", "),
    },
    {
      key: "recipients",
      header: t("commendations.forms.recipientKinds"),
      render: (f) => f.recipientKinds.map((k) => t(`commendations.kinds.${k}`)).join(", "),
    },
    {
      key: "scope",
      header: t("commendations.forms.scope"),
      render: (f) =>
        f.unit ? t("commendations.forms.ownedBy", { unit: f.unit.name }) : t("commendations.forms.national"),
    },
    {
      key: "you",
      header: t("commendations.forms.yourUnit"),
      render: (f) => (
        <Stack gap={2} align="flex-start">
          {f.entitled && (
            <Badge color="teal" variant="light">
              {t("commendations.forms.entitled")}
            </Badge>
          )}
          {f.issuer && (
            <Text size="xs" c="dimmed">
              {t("commendations.forms.issuerAbove", { unit: f.issuer.name })}
            </Text>
          )}
        </Stack>
      ),
    },
  ];

  return (
    <Stack maw={1200}>
      <PageHeader
        title={t("commendations.title")}
        description={t("commendations.forms.description")}
        actions={
          admin && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing("new")}>
              {t("commendations.forms.create")}
            </Button>
          )
        }
      />
      <CommendationTabs active="forms" />
      {forms.isPending ? (
        <ListSkeleton />
      ) : forms.isError ? (
        <ErrorAlert error={forms.error} onRetry={() => forms.refetch()} />
      ) : forms.data.items.length === 0 ? (
        <EmptyList />
      ) : (
        <DataTable
          label={t("commendations.forms.listLabel")}
          rows={forms.data.items}
          columns={columns}
          rowKey={(f) => f.id}
          cardTitle={(f) => <FormName form={f} />}
          actions={(f) =>
            f.allowedActions.includes("update") ? (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(f)}
                aria-label={t("commendations.forms.editNamed", { name: f.name })}
              >
                {t("commendations.forms.edit")}
              </Button>
            ) : null
          }
          minWidth={900}
        />
      )}
      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? t("commendations.forms.createTitle") : t("commendations.forms.editTitle")}
        size="lg"
      >
        {editing !== null && (
          <FormEditor form={editing === "new" ? null : editing} onDone={() => setEditing(null)} />
        )}
      </AppModal>
    </Stack>
  );
}

function FormName({ form }: { form: CommendationForm }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Text fw={600}>{form.name}</Text>
        {!form.active && (
          <Badge color="gray" variant="light" size="sm">
            {t("commendations.forms.inactive")}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {form.code}
      </Text>
    </Stack>
  );
}

function FormEditor({ form, onDone }: { form: CommendationForm | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.resolvedLanguage === "en";
  const kinds = useUnitKinds();
  const create = useCreateForm();
  const update = useUpdateForm();
  const mutation = form ? update : create;
  const [values, setValues] = useState({
    code: form?.code ?? "",
    name: form?.nameVi ?? "",
    nameEn: form?.nameEn ?? "",
    rank: form?.rank ?? 10,
    issuerKinds: form?.issuerKinds ?? [],
    recipientKinds: form?.recipientKinds ?? (["collective", "individual"] as RecipientKind[]),
    active: form?.active ?? true,
  });
  const [submitted, setSubmitted] = useState(false);
  const server = fieldErrors(mutation.error);
  const errors = {
    code:
      !form && !/^[a-z][a-z0-9_]{1,39}$/.test(values.code) ? t("commendations.forms.codeRule") : server.code,
    name: values.name.trim().length < 2 ? t("validation.minLength", { count: 2 }) : server.name,
    nameEn: values.nameEn.trim().length < 2 ? t("validation.minLength", { count: 2 }) : server.nameEn,
    recipientKinds:
      values.recipientKinds.length === 0 ? t("commendations.forms.recipientKindsRequired") : undefined,
  };
  const invalid = Object.values(errors).some(Boolean);
  const conflict = isApiError(mutation.error, "VERSION_CONFLICT");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (invalid) {
      focusFirstError(event.currentTarget);
      return;
    }
    const fields: FormFields = {
      name: values.name.trim(),
      nameEn: values.nameEn.trim(),
      rank: values.rank,
      issuerKinds: values.issuerKinds,
      recipientKinds: values.recipientKinds,
      active: values.active,
    };
    const done = () => {
      notifySuccess(t("commendations.forms.saved"));
      onDone();
    };
    if (form) update.mutate({ ...fields, id: form.id, version: form.version }, { onSuccess: done });
    else create.mutate({ ...fields, code: values.code.trim() }, { onSuccess: done });
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        {mutation.isError && (
          <Alert color={conflict ? "orange" : "red"} icon={<IconAlertCircle />} role="alert">
            {conflict ? t("commendations.forms.conflict") : mutation.error.message}
          </Alert>
        )}
        {form?.unit === null && <Text size="sm">{t("commendations.forms.nationalHint")}</Text>}
        {!form && (
          <TextInput
            label={t("commendations.forms.code")}
            description={t("commendations.forms.codeHint")}
            required
            value={values.code}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setValues((v) => ({ ...v, code: value }));
            }}
            error={submitted ? errors.code : undefined}
          />
        )}
        <TextInput
          label={t("commendations.forms.nameVi")}
          required
          value={values.name}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setValues((v) => ({ ...v, name: value }));
          }}
          error={submitted ? errors.name : undefined}
        />
        <TextInput
          label={t("commendations.forms.nameEn")}
          required
          value={values.nameEn}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setValues((v) => ({ ...v, nameEn: value }));
          }}
          error={submitted ? errors.nameEn : undefined}
        />
        <NumberInput
          label={t("commendations.forms.rank")}
          description={t("commendations.forms.rankHint")}
          min={0}
          max={1000}
          allowDecimal={false}
          value={values.rank}
          onChange={(value) =>
            setValues((v) => ({ ...v, rank: typeof value === "number" ? value : Number(value) || 0 }))
          }
        />
        <MultiSelect
          label={t("commendations.forms.issuerKinds")}
          description={t("commendations.forms.issuerKindsHint")}
          data={(kinds.data?.items ?? []).map((k) => ({ value: k.code, label: english ? k.nameEn : k.name }))}
          value={values.issuerKinds}
          onChange={(value) => setValues((v) => ({ ...v, issuerKinds: value }))}
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        <Checkbox.Group
          label={t("commendations.forms.recipientKinds")}
          value={values.recipientKinds}
          onChange={(value) => setValues((v) => ({ ...v, recipientKinds: value as RecipientKind[] }))}
          error={submitted ? errors.recipientKinds : undefined}
          required
        >
          <Group mt="xs">
            {RECIPIENT_KINDS.map((k) => (
              <Checkbox key={k} value={k} label={t(`commendations.kinds.${k}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Switch
          label={t("commendations.forms.active")}
          checked={values.active}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            setValues((v) => ({ ...v, active: checked }));
          }}
        />
        <FormActions onCancel={onDone} pending={mutation.isPending} submitLabel={t("common.save")} />
      </Stack>
    </form>
  );
}
