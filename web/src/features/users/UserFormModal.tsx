import { Button, Group, Select, Stack, Switch, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps } from "../../components/AppModal";
import { FormAlerts } from "../../components/FormAlerts";
import { fieldErrors, isApiError } from "../../lib/api";
import { ROLES, type Role, useCurrentUser } from "../../lib/session";
import { UnitSelect } from "../units/UnitSelect";
import { type UserRow, useCreateUser, useReloadUsers, useUpdateUser } from "./api";

interface Values {
  username: string;
  displayName: string;
  role: Role | null;
  unitId: string | null;
  apiTokensAllowed: boolean;
}

/** Create a user (no `user`) or edit one (with `user`, sending the version it was read at). */
export function UserFormModal({
  opened,
  onClose,
  user,
  onCreated,
}: DialogProps & {
  user?: UserRow | null;
  onCreated?: (result: { user: UserRow; oneTimePassword: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={user ? t("users.editTitle", { name: user.displayName }) : t("users.createTitle")}
    >
      {/* Mounted only while open, so each opening starts from the row's current values. */}
      {opened && <UserForm user={user ?? null} onClose={onClose} onCreated={onCreated} />}
    </AppModal>
  );
}

function UserForm({
  user,
  onClose,
  onCreated,
}: {
  user: UserRow | null;
  onClose: () => void;
  onCreated?: (result: { user: UserRow; oneTimePassword: string }) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateUser();
  const update = useUpdateUser();
  const reload = useReloadUsers();
  const mutation = user ? update : create;
  const [values, setValues] = useState<Values>({
    username: user?.username ?? "",
    displayName: user?.displayName ?? "",
    role: user?.role ?? null,
    unitId: user?.unitId ?? null,
    apiTokensAllowed: user?.apiTokensAllowed ?? false,
  });
  // Only an administrator decides whether a member may create API tokens (other roles always may).
  const showTokensSwitch =
    Boolean(user?.allowedActions.includes("allowApiTokens")) && values.role === "member";
  const [submitted, setSubmitted] = useState(false);

  // Only an administrator may hand out the administrator role; the server checks it too.
  const roleOptions = ROLES.filter(
    (role) => role !== "admin" || me.role === "admin" || user?.role === "admin",
  ).map((role) => ({ value: role, label: t(`roles.${role}`) }));

  const clientErrors: Partial<Record<keyof Values, string>> = {};
  if (!user && !values.username.trim()) clientErrors.username = t("validation.required");
  if (!values.displayName.trim()) clientErrors.displayName = t("validation.required");
  if (!values.role) clientErrors.role = t("validation.required");
  if (!values.unitId) clientErrors.unitId = t("validation.required");

  const serverErrors = fieldErrors(mutation.error);
  if (isApiError(mutation.error, "USERNAME_TAKEN")) serverErrors.username = mutation.error.message;
  const errorOf = (field: keyof Values) =>
    (submitted ? clientErrors[field] : undefined) ?? serverErrors[field];
  const conflict = isApiError(mutation.error, "VERSION_CONFLICT");
  const showGeneralError = mutation.isError && !conflict && Object.keys(serverErrors).length === 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0 || !values.role || !values.unitId) return;
    if (user) {
      const changes: { displayName?: string; role?: Role; unitId?: string; apiTokensAllowed?: boolean } = {};
      if (values.displayName.trim() !== user.displayName) changes.displayName = values.displayName.trim();
      if (values.role !== user.role) changes.role = values.role;
      if (values.unitId !== user.unitId) changes.unitId = values.unitId;
      if (showTokensSwitch && values.apiTokensAllowed !== user.apiTokensAllowed) {
        changes.apiTokensAllowed = values.apiTokensAllowed;
      }
      if (Object.keys(changes).length === 0) {
        onClose();
        return;
      }
      update.mutate({ id: user.id, version: user.version, ...changes }, { onSuccess: onClose });
    } else {
      create.mutate(
        {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          unitId: values.unitId,
        },
        {
          onSuccess: (result) => {
            onClose();
            onCreated?.(result);
          },
        },
      );
    }
  };

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
          reveal={false}
        />
        <TextInput
          label={t("users.username")}
          description={user ? undefined : t("users.usernameHint")}
          required={!user}
          disabled={Boolean(user)}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          autoComplete="off"
          value={values.username}
          onChange={(event) => {
            const username = event.currentTarget.value;
            setValues((current) => ({ ...current, username }));
          }}
          error={errorOf("username")}
          data-autofocus={user ? undefined : true}
        />
        <TextInput
          label={t("users.displayName")}
          required
          autoComplete="off"
          value={values.displayName}
          onChange={(event) => {
            const displayName = event.currentTarget.value;
            setValues((current) => ({ ...current, displayName }));
          }}
          error={errorOf("displayName")}
        />
        <Select
          label={t("users.role")}
          placeholder={t("users.rolePlaceholder")}
          required
          data={roleOptions}
          value={values.role}
          onChange={(role) => setValues((current) => ({ ...current, role: (role as Role | null) ?? null }))}
          error={errorOf("role")}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <UnitSelect
          label={t("users.unit")}
          required
          value={values.unitId}
          initialUnit={user ? { id: user.unitId, name: user.unitName } : null}
          onChange={(unit) => setValues((current) => ({ ...current, unitId: unit?.id ?? null }))}
          error={errorOf("unitId")}
        />
        {showTokensSwitch && (
          <Switch
            label={t("users.apiTokensAllowed")}
            description={t("users.apiTokensAllowedHint")}
            checked={values.apiTokensAllowed}
            onChange={(event) => {
              const apiTokensAllowed = event.currentTarget.checked;
              setValues((current) => ({ ...current, apiTokensAllowed }));
            }}
          />
        )}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {user ? t("common.save") : t("users.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
