import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { DateField } from "../../components/DateField";
import { focusFirstError } from "../../components/focusFirstError";
import { ErrorAlert } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { fieldErrors } from "../../lib/api";
import { type CreateRequestInput, REQUEST_KINDS, type RequestKind, useCreateRequest } from "./api";
import {
  checkTemplate,
  emptyTemplate,
  type RequestTemplate,
  RequestTemplateFields,
  templateBody,
} from "./RequestTemplateFields";

/** Gửi yêu cầu báo cáo: the unit asks the units below it for a report. */
export function NewRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateRequest();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<RequestKind>("annual");
  const [periodStart, setPeriodStart] = useState("");
  const [periodEnd, setPeriodEnd] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [template, setTemplate] = useState<RequestTemplate>(emptyTemplate);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = fieldErrors(create.error);
  const err = (name: string) => errors[name] ?? server[name];

  const submit = (form: HTMLFormElement) => {
    const next: Record<string, string> = checkTemplate(template, t);
    const required = t("reports.form.required");
    if (title.trim().length < 3) next.title = required;
    if (!periodStart) next.periodStart = required;
    if (!periodEnd) next.periodEnd = required;
    if (!dueOn) next.dueOn = required;
    if (periodStart && periodEnd && periodEnd < periodStart)
      next.periodEnd = t("reports.form.endBeforeStart");
    setErrors(next);
    if (Object.keys(next).length > 0) {
      focusFirstError(form);
      return;
    }
    const input: CreateRequestInput = {
      title: title.trim(),
      kind,
      periodStart,
      periodEnd,
      dueOn,
      ...templateBody(template),
    };
    create.mutate(input, {
      onSuccess: (request) => navigate(`/reports/requests/${request.id}`),
      onError: () => focusFirstError(form),
    });
  };

  return (
    <Stack maw={900}>
      <PageHeader title={t("reports.form.title")} description={t("reports.form.description")} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit(event.currentTarget);
        }}
      >
        <Stack>
          <Paper withBorder p="md" radius="md">
            <Stack>
              <TextInput
                label={t("reports.form.requestTitle")}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={err("title")}
                required
                maxLength={300}
              />
              <Select
                label={t("reports.form.kind")}
                data={REQUEST_KINDS.map((k) => ({ value: k, label: t(`reports.kinds.${k}`) }))}
                value={kind}
                onChange={(v) => v && setKind(v as RequestKind)}
                allowDeselect={false}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <DateField
                  label={t("reports.form.periodStart")}
                  value={periodStart}
                  onChange={setPeriodStart}
                  error={err("periodStart")}
                  required
                />
                <DateField
                  label={t("reports.form.periodEnd")}
                  value={periodEnd}
                  onChange={setPeriodEnd}
                  error={err("periodEnd")}
                  required
                />
                <DateField
                  label={t("reports.form.dueOn")}
                  value={dueOn}
                  onChange={setDueOn}
                  error={err("dueOn")}
                  required
                />
              </SimpleGrid>
            </Stack>
          </Paper>

          <RequestTemplateFields value={template} onChange={setTemplate} error={err} />
          {create.isError && <ErrorAlert error={create.error} />}
          {Object.keys(errors).length > 0 && <Alert color="red">{t("reports.form.fixErrors")}</Alert>}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t("reports.form.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
