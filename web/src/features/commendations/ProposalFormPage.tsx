import { Alert, Button, Group, Paper, Radio, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { IconAlertCircle, IconDeviceFloppy } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { ForbiddenPage } from "../../components/ForbiddenPage";
import { FormPage, type FormPageProps } from "../../components/FormPage";
import { focusFirstError } from "../../components/focusFirstError";
import { ErrorAlert, PageLoader } from "../../components/ListStates";
import { notifyError, notifySuccess } from "../../components/notify";
import { Section } from "../../components/Section";
import { yearOptions } from "../../components/YearSelect";
import { ApiError, fieldErrors, isApiError } from "../../lib/api";
import { useCurrentUser } from "../../lib/session";
import { UnitSelect } from "../units/UnitSelect";
import {
  type CommendationForm,
  LIMITS,
  MAX_PERIOD_YEARS,
  type ProposalDetail,
  type ProposalInput,
  RECIPIENT_KINDS,
  type RecipientKind,
  useCreateProposal,
  useForms,
  useProposal,
  useUpdateProposal,
} from "./api";
import { usePeriod } from "./bits";
import { FIRST_YEAR } from "./CommendationList";
import { RecipientsEditor } from "./RecipientsEditor";
import { type RecipientRow, rowKey, toInput } from "./rows";

interface Values {
  unit: { id: string; name: string };
  formId: string | null;
  periodStart: string;
  periodEnd: string;
  title: string;
  titleTouched: boolean;
  reason: string;
  recipients: RecipientRow[];
}

function initialValues(proposal: ProposalDetail | null, unit: { id: string; name: string }): Values {
  const year = String(new Date().getFullYear());
  return {
    unit: proposal?.unit ?? unit,
    formId: proposal?.form.id ?? null,
    periodStart: String(proposal?.periodStart ?? year),
    periodEnd: String(proposal?.periodEnd ?? year),
    title: proposal?.title ?? "",
    titleTouched: Boolean(proposal),
    reason: proposal?.reason ?? "",
    recipients: (proposal?.recipients ?? [])
      .filter((r) => r.status === "proposed")
      .map((r) => ({
        key: rowKey(),
        kind: r.kind,
        ...(r.subjectUnitId ? { unitId: r.subjectUnitId } : {}),
        ...(r.personId ? { personId: r.personId, personUnitId: r.unit.id } : {}),
        ...(r.kind === "individual" && !r.personId
          ? { personName: r.name, personUnitName: r.unitLabel }
          : {}),
        name: r.name,
        unitLabel: r.unitLabel,
        achievement: r.achievement,
        links: r.links,
      })),
  };
}

export function NewProposalPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreateProposal();
  return (
    <FormLayout
      title={t("commendations.form.createTitle")}
      description={t("commendations.form.createDescription")}
      back="/commendations"
    >
      <ProposalForm
        proposal={null}
        initial={initialValues(null, { id: user.unitId, name: user.unitName })}
        saving={create.isPending}
        error={create.error}
        onSave={(values, input) =>
          create.mutate(
            { ...input, unitId: values.unit.id },
            {
              onSuccess: (proposal) => {
                notifySuccess(t("commendations.form.created"));
                navigate(`/commendations/proposals/${proposal.id}`);
              },
            },
          )
        }
      />
    </FormLayout>
  );
}

export function EditProposalPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const proposal = useProposal(id);
  const update = useUpdateProposal(id);
  if (proposal.isPending) return <PageLoader />;
  if (proposal.isError) return <ErrorAlert error={proposal.error} onRetry={() => proposal.refetch()} />;
  if (!proposal.data.allowedActions.includes("update")) return <ForbiddenPage />;
  const current = proposal.data;
  return (
    <FormLayout title={t("commendations.form.editTitle")} back={`/commendations/proposals/${id}`}>
      <ProposalForm
        key={current.version}
        proposal={current}
        initial={initialValues(current, current.unit)}
        saving={update.isPending}
        error={isApiError(update.error, "VERSION_CONFLICT") ? null : update.error}
        onSave={(_, input) =>
          update.mutate(
            { ...input, version: current.version },
            {
              onSuccess: () => {
                notifySuccess(t("commendations.form.saved"));
                navigate(`/commendations/proposals/${id}`);
              },
              onError: (error) => {
                if (isApiError(error, "VERSION_CONFLICT")) {
                  notifyError(t("commendations.form.conflict"));
                  void proposal.refetch();
                }
              },
            },
          )
        }
      />
    </FormLayout>
  );
}

function FormLayout({ back, ...props }: FormPageProps) {
  const { t } = useTranslation();
  return (
    <FormPage
      maw={1100}
      back={back}
      backLabel={
        back === "/commendations" ? t("commendations.backToList") : t("commendations.backToProposal")
      }
      {...props}
    />
  );
}

const RECIPIENT_PROBLEMS = {
  out_of_scope: "commendations.form.problems.outOfScope",
  required: "commendations.form.problems.required",
  unknown: "commendations.form.problems.unknownLink",
} as const;

/** The server's 422 by recipient: "body.recipients.3.personId" → row 3 and what is wrong with it. */
function recipientProblems(
  error: unknown,
  say: (key: (typeof RECIPIENT_PROBLEMS)[keyof typeof RECIPIENT_PROBLEMS]) => string,
): Map<number, string> {
  const out = new Map<number, string>();
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return out;
  for (const d of error.details as { path?: unknown; message?: unknown }[]) {
    const match = /^(?:body\.)?recipients\.(\d+)\./.exec(String(d.path ?? ""));
    if (!match) continue;
    const code = String(d.message) as keyof typeof RECIPIENT_PROBLEMS;
    out.set(Number(match[1]), code in RECIPIENT_PROBLEMS ? say(RECIPIENT_PROBLEMS[code]) : error.message);
  }
  return out;
}

function ProposalForm({
  proposal,
  initial,
  saving,
  error,
  onSave,
}: {
  proposal: ProposalDetail | null;
  initial: Values;
  saving: boolean;
  error: Error | null;
  onSave: (values: Values, input: ProposalInput) => void;
}) {
  const { t } = useTranslation();
  const period = usePeriod();
  const [values, setValues] = useState<Values>(initial);
  const [submitted, setSubmitted] = useState(false);
  const forms = useForms({ unitId: values.unit.id });
  const catalogue = forms.data?.items ?? [];
  const form = catalogue.find((f) => f.id === values.formId) ?? null;
  const allowedKinds: readonly RecipientKind[] = form?.recipientKinds ?? RECIPIENT_KINDS;
  const start = Number(values.periodStart);
  const end = Number(values.periodEnd);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const suggestedTitle = (f: CommendationForm | null, s: number, e: number) =>
    f ? t("commendations.form.suggestedTitle", { form: f.name, period: period(s, e) }) : "";
  const retitle = (next: Partial<Values>) =>
    setValues((v) => {
      const merged = { ...v, ...next };
      const f = catalogue.find((x) => x.id === merged.formId) ?? null;
      return merged.titleTouched
        ? merged
        : { ...merged, title: suggestedTitle(f, Number(merged.periodStart), Number(merged.periodEnd)) };
    });

  const server = fieldErrors(error);
  const rowErrors = recipientProblems(error, (key) => t(key));
  const wrongKinds = values.recipients.filter((r) => !allowedKinds.includes(r.kind)).length;
  const errors = {
    formId: !values.formId ? t("commendations.form.formRequired") : server.formId,
    periodEnd:
      end < start
        ? t("commendations.form.periodOrder")
        : end - start > MAX_PERIOD_YEARS
          ? t("commendations.form.periodTooLong", { max: MAX_PERIOD_YEARS })
          : server.periodEnd,
    title: values.title.trim().length < 3 ? t("validation.minLength", { count: 3 }) : server.title,
    recipients: wrongKinds
      ? t("commendations.form.wrongKinds", { form: form?.name ?? "", count: wrongKinds })
      : undefined,
  };
  const invalid = Boolean(errors.formId || errors.periodEnd || errors.title || errors.recipients);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (invalid || !values.formId) {
      focusFirstError(event.currentTarget);
      return;
    }
    onSave(values, {
      formId: values.formId,
      periodStart: start,
      periodEnd: end,
      title: values.title.trim(),
      reason: values.reason.trim(),
      recipients: values.recipients.map(toInput),
    });
  };

  const years = yearOptions(FIRST_YEAR);
  return (
    <form onSubmit={submit} noValidate aria-label={t("commendations.form.label")}>
      <Stack>
        {submitted && invalid && (
          <Alert color="red" icon={<IconAlertCircle />} role="alert">
            {t("commendations.form.fixFields")}
          </Alert>
        )}
        {error && !isApiError(error, "VERSION_CONFLICT") && (
          <Alert
            color="red"
            icon={<IconAlertCircle />}
            role="alert"
            title={t("commendations.form.saveFailed")}
          >
            {error.message}
          </Alert>
        )}
        <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }}>
          <Stack>
            {proposal ? (
              <Text size="sm">
                {t("commendations.form.proposer")}: <strong>{proposal.unit.name}</strong>
              </Text>
            ) : (
              <UnitSelect
                label={t("commendations.form.proposer")}
                description={t("commendations.form.proposerHint")}
                value={values.unit.id}
                initialUnit={initial.unit}
                activeOnly
                required
                onChange={(unit) =>
                  unit && setValues((v) => ({ ...v, unit: { id: unit.id, name: unit.name }, formId: null }))
                }
              />
            )}
            <Radio.Group
              label={t("commendations.form.form")}
              description={t("commendations.form.formHint")}
              value={values.formId}
              onChange={(value) => retitle({ formId: value })}
              required
              error={submitted ? errors.formId : undefined}
            >
              {forms.isPending ? (
                <Text size="sm" c="dimmed" mt="xs">
                  {t("common.loading")}
                </Text>
              ) : forms.isError ? (
                <ErrorAlert error={forms.error} onRetry={() => forms.refetch()} />
              ) : (
                <Stack gap="sm" mt="xs">
                  {catalogue.map((f) => (
                    <Radio
                      key={f.id}
                      value={f.id}
                      label={f.name}
                      aria-invalid={submitted && Boolean(errors.formId)}
                      disabled={!f.issuer}
                      description={[
                        f.issuer
                          ? t("commendations.form.issuerAbove", { unit: f.issuer.name })
                          : t("commendations.form.noIssuerAbove"),
                        f.recipientKinds.length === 1
                          ? t(`commendations.form.only.${f.recipientKinds[0] ?? "individual"}`)
                          : "",
                        f.entitled ? t("commendations.form.selfEntitled") : "",
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    />
                  ))}
                </Stack>
              )}
            </Radio.Group>
            <Group gap="sm" align="flex-start" wrap="wrap">
              <Select
                label={t("commendations.form.periodStart")}
                data={years}
                value={values.periodStart}
                onChange={(value) =>
                  value &&
                  retitle({ periodStart: value, ...(Number(value) > end ? { periodEnd: value } : {}) })
                }
                allowDeselect={false}
                w={{ base: "100%", xs: 150 }}
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                label={t("commendations.form.periodEnd")}
                data={years}
                value={values.periodEnd}
                onChange={(value) => value && retitle({ periodEnd: value })}
                allowDeselect={false}
                error={submitted ? errors.periodEnd : undefined}
                w={{ base: "100%", xs: 150 }}
                comboboxProps={{ withinPortal: true }}
              />
            </Group>
            <TextInput
              label={t("commendations.form.title")}
              required
              maxLength={LIMITS.title}
              value={values.title}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setValues((v) => ({ ...v, title: value, titleTouched: true }));
              }}
              error={submitted ? errors.title : undefined}
            />
            <Textarea
              label={t("commendations.form.reason")}
              description={t("commendations.form.reasonHint")}
              maxLength={LIMITS.reason}
              value={values.reason}
              onChange={(event) => set("reason", event.currentTarget.value)}
              autosize
              minRows={2}
              maxRows={8}
            />
          </Stack>
        </Paper>
        <Section id="proposal-recipients" title={t("commendations.form.recipients")}>
          {submitted && errors.recipients && (
            <Text c="red" size="sm" role="alert">
              {errors.recipients}
            </Text>
          )}
          <RecipientsEditor
            rows={values.recipients}
            onChange={(rows) => set("recipients", rows)}
            proposer={values.unit}
            allowedKinds={allowedKinds}
            period={{ start, end }}
            rowErrors={rowErrors}
          />
        </Section>
        <Group justify="flex-end">
          <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={18} />}>
            {t("commendations.form.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
