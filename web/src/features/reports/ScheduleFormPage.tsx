import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { DateField } from "../../components/DateField";
import { focusFirstError } from "../../components/focusFirstError";
import { ErrorAlert } from "../../components/ListStates";
import { notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { fieldErrors } from "../../lib/api";
import { todayInVietnam } from "../../lib/format";
import { type CreateScheduleInput, RECURRENCES, type Recurrence, useCreateSchedule } from "./api";
import {
  checkTemplate,
  emptyTemplate,
  type RequestTemplate,
  RequestTemplateFields,
  templateBody,
} from "./RequestTemplateFields";

/** The bounds the server keeps (contracts.ts scheduleBody). */
const DUE_DAYS = { min: -90, max: 90 };
const LEAD_DAYS = { min: 0, max: 180 };

/** 1 January of this year in Vietnam: a schedule made now covers this year's periods by default. */
const startOfYear = () => `${todayInVietnam().slice(0, 4)}-01-01`;

const inRange = (value: number | string, range: { min: number; max: number }) =>
  typeof value === "number" && Number.isInteger(value) && value >= range.min && value <= range.max;

/** Lập lịch báo cáo định kỳ: the unit asks the units below it for a report every quarter, half-year or year. */
export function NewSchedulePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateSchedule();
  const [title, setTitle] = useState("");
  const [recurrence, setRecurrence] = useState<Recurrence>("quarterly");
  const [startsOn, setStartsOn] = useState(startOfYear);
  const [dueDays, setDueDays] = useState<number | string>(10);
  const [leadDays, setLeadDays] = useState<number | string>(30);
  const [template, setTemplate] = useState<RequestTemplate>(emptyTemplate);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = fieldErrors(create.error);
  const err = (name: string) => errors[name] ?? server[name];

  const submit = (form: HTMLFormElement) => {
    const next: Record<string, string> = checkTemplate(template, t);
    const required = t("reports.form.required");
    if (title.trim().length < 3) next.title = required;
    if (!startsOn) next.startsOn = required;
    if (!inRange(dueDays, DUE_DAYS)) next.dueDays = t("reports.schedules.form.between", DUE_DAYS);
    if (!inRange(leadDays, LEAD_DAYS)) next.leadDays = t("reports.schedules.form.between", LEAD_DAYS);
    setErrors(next);
    if (Object.keys(next).length > 0) {
      focusFirstError(form);
      return;
    }
    const input: CreateScheduleInput = {
      title: title.trim(),
      recurrence,
      startsOn,
      dueDays: Number(dueDays),
      leadDays: Number(leadDays),
      ...templateBody(template),
    };
    create.mutate(input, {
      onSuccess: (schedule) => {
        notifySuccess(t("reports.schedules.created", { title: schedule.title }));
        navigate("/reports?tab=schedules");
      },
      onError: () => focusFirstError(form),
    });
  };

  return (
    <Stack maw={900}>
      <PageHeader
        title={t("reports.schedules.form.title")}
        description={t("reports.schedules.form.description")}
      />
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
                description={t("reports.schedules.form.titleHint")}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={err("title")}
                required
                maxLength={300}
              />
              <Select
                label={t("reports.schedules.form.recurrence")}
                data={RECURRENCES.map((r) => ({ value: r, label: t(`reports.recurrences.${r}`) }))}
                value={recurrence}
                onChange={(v) => v && setRecurrence(v as Recurrence)}
                allowDeselect={false}
                error={err("recurrence")}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <DateField
                  label={t("reports.schedules.form.startsOn")}
                  description={t("reports.schedules.form.startsOnHint")}
                  value={startsOn}
                  onChange={setStartsOn}
                  error={err("startsOn")}
                  required
                />
                <NumberInput
                  label={t("reports.schedules.form.dueDays")}
                  description={t("reports.schedules.form.dueDaysHint")}
                  value={dueDays}
                  onChange={setDueDays}
                  min={DUE_DAYS.min}
                  max={DUE_DAYS.max}
                  allowDecimal={false}
                  error={err("dueDays")}
                  required
                />
                <NumberInput
                  label={t("reports.schedules.form.leadDays")}
                  description={t("reports.schedules.form.leadDaysHint")}
                  value={leadDays}
                  onChange={setLeadDays}
                  min={LEAD_DAYS.min}
                  max={LEAD_DAYS.max}
                  allowDecimal={false}
                  allowNegative={false}
                  error={err("leadDays")}
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
              {t("reports.schedules.form.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
