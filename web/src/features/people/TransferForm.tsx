import { Alert, Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { DateField } from "../../components/DateField";
import { focusFirstError } from "../../components/focusFirstError";
import { RevealOnMount } from "../../components/RevealOnMount";
import { fieldErrors } from "../../lib/api";
import { todayInVietnam } from "../../lib/format";
import { UnitSelect } from "../units/UnitSelect";
import { type Person, useTransferPerson } from "./api";

/** Chuyển sinh hoạt: the person moves to another cell from a given day; the history keeps both. */
export function TransferForm({
  person,
  onDone,
  onCancel,
}: {
  person: Person;
  onDone: (person: Person) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const transfer = useTransferPerson();
  const [toUnitId, setToUnitId] = useState<string | null>(null);
  const [on, setOn] = useState(todayInVietnam());
  const [reason, setReason] = useState("");
  const [submitted, setSubmitted] = useState(false);

  const clientErrors: Record<string, string> = {};
  if (!toUnitId) clientErrors.toUnitId = t("validation.required");
  if (!on) clientErrors.on = t("validation.required");
  const serverErrors = fieldErrors(transfer.error);
  const errorOf = (field: string) => (submitted ? clientErrors[field] : undefined) ?? serverErrors[field];
  const showGeneralError = transfer.isError && Object.keys(serverErrors).length === 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    focusFirstError(event.currentTarget);
    if (!toUnitId || !on) return;
    transfer.mutate(
      { id: person.id, toUnitId, on, reason: reason.trim() || null },
      { onSuccess: (result) => onDone(result.person) },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t("people.transfer.intro", { name: person.fullName, unit: person.unitName })}</Text>
        {showGeneralError && (
          <RevealOnMount>
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {transfer.error?.message}
            </Alert>
          </RevealOnMount>
        )}
        <UnitSelect
          label={t("people.transfer.to")}
          required
          activeOnly
          excludeIds={[person.unitId]}
          value={toUnitId}
          onChange={(unit) => setToUnitId(unit?.id ?? null)}
          error={errorOf("toUnitId") ?? errorOf("unitId")}
        />
        <DateField
          label={t("people.transfer.on")}
          value={on}
          onChange={setOn}
          error={errorOf("on")}
          required
        />
        <Textarea
          label={t("people.transfer.reason")}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={300}
          error={errorOf("reason")}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel} disabled={transfer.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={transfer.isPending}>
            {t("people.transfer.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
