import { Alert, Button, PasswordInput, Stack } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../../components/notify";
import { fieldErrors } from "../../lib/api";
import { useChangePassword } from "../../lib/session";

export const MIN_PASSWORD_LENGTH = 10;

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const EMPTY: Values = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [values, setValues] = useState<Values>(EMPTY);
  const [submitted, setSubmitted] = useState(false);

  const clientErrors: Partial<Record<keyof Values, string>> = {};
  if (!values.currentPassword) clientErrors.currentPassword = t("validation.required");
  if (values.newPassword.length < MIN_PASSWORD_LENGTH)
    clientErrors.newPassword = t("validation.minLength", { count: MIN_PASSWORD_LENGTH });
  else if (values.newPassword === values.currentPassword)
    clientErrors.newPassword = t("account.sameAsCurrent");
  if (values.confirmPassword !== values.newPassword) clientErrors.confirmPassword = t("account.mismatch");

  const serverErrors = fieldErrors(change.error);
  const errorOf = (field: keyof Values) =>
    (submitted ? clientErrors[field] : undefined) ?? serverErrors[field];
  const hasFieldError = Object.keys(serverErrors).length > 0;

  const set = (field: keyof Values) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [field]: value }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0) return;
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          setValues(EMPTY);
          setSubmitted(false);
          notifySuccess(t("account.changed"));
          onDone?.();
        },
      },
    );
  };

  const toggleLabel = { "aria-label": t("login.togglePassword") };

  return (
    <form onSubmit={submit} noValidate aria-label={t("account.changePassword")}>
      <Stack>
        {change.isError && !hasFieldError && (
          <Alert color="red" icon={<IconAlertCircle />} role="alert">
            {change.error.message}
          </Alert>
        )}
        <PasswordInput
          label={t("account.currentPassword")}
          autoComplete="current-password"
          required
          value={values.currentPassword}
          onChange={set("currentPassword")}
          error={errorOf("currentPassword")}
          visibilityToggleButtonProps={toggleLabel}
        />
        <PasswordInput
          label={t("account.newPassword")}
          description={t("account.newPasswordHint", { count: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          required
          value={values.newPassword}
          onChange={set("newPassword")}
          error={errorOf("newPassword")}
          visibilityToggleButtonProps={toggleLabel}
        />
        <PasswordInput
          label={t("account.confirmPassword")}
          autoComplete="new-password"
          required
          value={values.confirmPassword}
          onChange={set("confirmPassword")}
          error={errorOf("confirmPassword")}
          visibilityToggleButtonProps={toggleLabel}
        />
        <Button type="submit" loading={change.isPending} size="md">
          {t("account.submit")}
        </Button>
      </Stack>
    </form>
  );
}
