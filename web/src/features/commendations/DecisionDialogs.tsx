import { Alert, List, Stack, Text, Textarea } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps, FormActions } from "../../components/AppModal";
import { DateField } from "../../components/DateField";
import { focusFirstError } from "../../components/focusFirstError";
import { notifySuccess } from "../../components/notify";
import { ApiError } from "../../lib/api";
import { todayInVietnam } from "../../lib/format";
import { type DecisionDetail, LIMITS, useCorrectDecision, useIssueDecision } from "./api";

const MISSING = [
  "summary",
  "reason",
  "signer.authority",
  "signer.title",
  "signer.name",
  "recipients",
  "unit.documentCode",
] as const;

/** Ban hành: takes the next number and makes the decision final; asked for with the date it bears. */
export function IssueModal({
  decision: d,
  opened,
  onClose,
}: DialogProps & {
  decision: DecisionDetail;
}) {
  const { t } = useTranslation();
  const issue = useIssueDecision(d.id);
  const today = todayInVietnam();
  const [issuedOn, setIssuedOn] = useState(today);
  const future = issuedOn > today;
  const details =
    issue.error instanceof ApiError &&
    issue.error.code === "RULE_VIOLATION" &&
    Array.isArray(issue.error.details)
      ? (issue.error.details as { path?: string; message?: string }[])
      : [];
  const close = () => {
    issue.reset();
    onClose();
  };
  return (
    <AppModal opened={opened} onClose={close} title={t("commendations.decision.issue.title")}>
      <form
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          if (!issuedOn || future) {
            focusFirstError(event.currentTarget);
            return;
          }
          issue.mutate(
            { issuedOn },
            {
              onSuccess: (issued) => {
                notifySuccess(t("commendations.decision.issue.done", { symbol: issued.symbol ?? "" }));
                onClose();
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm">
            {t("commendations.decision.issue.message", {
              collectives: d.collectiveCount,
              individuals: d.individualCount,
              form: d.form.name,
            })}
          </Text>
          {d.numberPreview && (
            <Text size="sm" fw={600}>
              {t("commendations.decision.issue.number", { symbol: d.numberPreview })}
            </Text>
          )}
          <Alert color="yellow" icon={<IconAlertCircle />}>
            {t("commendations.decision.issue.final")}
          </Alert>
          <DateField
            label={t("commendations.fields.issuedOn")}
            value={issuedOn}
            onChange={setIssuedOn}
            required
            error={
              future
                ? t("commendations.decision.issue.future")
                : !issuedOn
                  ? t("validation.required")
                  : undefined
            }
            maw={220}
          />
          {issue.isError && (
            <Alert
              color="red"
              icon={<IconAlertCircle />}
              role="alert"
              title={t("commendations.decision.issue.failed")}
            >
              {details.some((m) => MISSING.includes(m.path as (typeof MISSING)[number])) ? (
                <List size="sm">
                  {details
                    .filter((m) => MISSING.includes(m.path as (typeof MISSING)[number]))
                    .map((m) => (
                      <List.Item key={m.path}>
                        {t(`commendations.decision.issue.missing.${m.path as (typeof MISSING)[number]}`)}
                      </List.Item>
                    ))}
                </List>
              ) : (
                issue.error.message
              )}
            </Alert>
          )}
          <FormActions
            onCancel={close}
            pending={issue.isPending}
            submitLabel={t("commendations.decision.issue.confirm")}
          />
        </Stack>
      </form>
    </AppModal>
  );
}

/** Đính chính: a new draft copying the issued decision, with what it corrects and why. */
export function CorrectionModal({
  decision: d,
  opened,
  onClose,
  onCreated,
}: DialogProps & {
  decision: DecisionDetail;
  onCreated: (created: DecisionDetail) => void;
}) {
  const { t } = useTranslation();
  const correct = useCorrectDecision(d.id);
  const [reason, setReason] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const error = reason.trim().length < 3 ? t("commendations.decision.correct.reasonRequired") : undefined;
  const close = () => {
    correct.reset();
    onClose();
  };
  return (
    <AppModal opened={opened} onClose={close} title={t("commendations.decision.correct.title")}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          if (error) {
            focusFirstError(event.currentTarget);
            return;
          }
          correct.mutate(
            { reason: reason.trim() },
            {
              onSuccess: (created) => {
                notifySuccess(t("commendations.decision.correct.done"));
                close();
                onCreated(created);
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm">{t("commendations.decision.correct.message", { symbol: d.symbol ?? "" })}</Text>
          {correct.isError && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {correct.error.message}
            </Alert>
          )}
          <Textarea
            label={t("commendations.decision.correct.reason")}
            required
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={submitted ? error : undefined}
            autosize
            minRows={3}
            maxLength={LIMITS.comment}
            data-autofocus
          />
          <FormActions
            onCancel={close}
            pending={correct.isPending}
            submitLabel={t("commendations.decision.correct.confirm")}
          />
        </Stack>
      </form>
    </AppModal>
  );
}
