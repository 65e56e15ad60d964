import { Alert, Button, Group, List, Select, Stack, Text, Textarea } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps, FormActions } from "../../components/AppModal";
import { focusFirstError } from "../../components/focusFirstError";
import { notifySuccess } from "../../components/notify";
import { isApiError } from "../../lib/api";
import {
  LIMITS,
  type ProposalDetail,
  type ProposalRecipient,
  type ReviewAction,
  useReviewProposal,
  useSubmitProposal,
} from "./api";

/** Gửi đề nghị: a draft or returned proposal goes to the unit above, with an optional note. */
export function SubmitProposalModal({
  proposal,
  opened,
  onClose,
}: DialogProps & {
  proposal: ProposalDetail;
}) {
  const { t } = useTranslation();
  const submit = useSubmitProposal(proposal.id);
  const [comment, setComment] = useState("");
  const close = () => {
    submit.reset();
    onClose();
  };
  return (
    <AppModal fresh size="lg" opened={opened} onClose={close} title={t("commendations.submit.title")}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit.mutate(
            { comment: comment.trim() || null },
            {
              onSuccess: (sent) => {
                notifySuccess(t("commendations.submit.done", { unit: sent.waitingAt?.name ?? "" }));
                close();
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm">
            {t("commendations.submit.message", {
              collectives: proposal.collectiveCount,
              individuals: proposal.individualCount,
              form: proposal.form.name,
            })}
          </Text>
          {proposal.issuer && (
            <Text size="sm" c="dimmed">
              {t("commendations.submit.issuer", { unit: proposal.issuer.name, form: proposal.form.name })}
            </Text>
          )}
          {proposal.warnings.length > 0 && (
            <Alert color="yellow" icon={<IconAlertCircle />}>
              {t("commendations.submit.warnings", { count: proposal.warnings.length })}
            </Alert>
          )}
          {submit.isError && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {submit.error.message}
            </Alert>
          )}
          <Textarea
            label={t("commendations.review.comment")}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={LIMITS.comment}
          />
          <FormActions
            onCancel={close}
            pending={submit.isPending}
            submitLabel={t("commendations.submit.confirm")}
          />
        </Stack>
      </form>
    </AppModal>
  );
}

/**
 * One review step of the unit the proposal waits at: approve (drafts the decision), forward up the
 * chain, return with a comment (required), raise to a higher form, or trim the chosen recipients
 * with a reason. A step the proposal has moved past meanwhile says so.
 */
export function ReviewModal({
  proposal,
  action,
  trimmed,
  onClose,
  onDone,
}: {
  proposal: ProposalDetail;
  action: ReviewAction | null;
  /** The recipients chosen for a trim. */
  trimmed: ProposalRecipient[];
  onClose: () => void;
  onDone: (action: ReviewAction) => void;
}) {
  const { t } = useTranslation();
  return (
    <AppModal
      fresh
      size="lg"
      opened={action !== null}
      onClose={onClose}
      title={action ? t(`commendations.review.titles.${action}`) : ""}
    >
      {action && (
        <ReviewForm proposal={proposal} action={action} trimmed={trimmed} onClose={onClose} onDone={onDone} />
      )}
    </AppModal>
  );
}

function ReviewForm({
  proposal,
  action,
  trimmed,
  onClose,
  onDone,
}: {
  proposal: ProposalDetail;
  action: ReviewAction;
  trimmed: ProposalRecipient[];
  onClose: () => void;
  onDone: (action: ReviewAction) => void;
}) {
  const { t } = useTranslation();
  const review = useReviewProposal(proposal.id);
  const [comment, setComment] = useState("");
  const [reason, setReason] = useState("");
  const [formId, setFormId] = useState<string | null>(proposal.higherForms[0]?.id ?? null);
  const [submitted, setSubmitted] = useState(false);
  const errors = {
    comment: action === "return" && !comment.trim() ? t("commendations.review.commentRequired") : undefined,
    reason:
      action === "trim" && reason.trim().length < 3 ? t("commendations.review.reasonRequired") : undefined,
    formId: action === "raise" && !formId ? t("commendations.review.formRequired") : undefined,
  };
  const moved = isApiError(review.error, "STATE_CONFLICT");
  const kept = proposal.recipientCount - trimmed.length;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.comment || errors.reason || errors.formId) {
      focusFirstError(event.currentTarget);
      return;
    }
    const note = comment.trim() || null;
    const body =
      action === "trim"
        ? { action, recipients: trimmed.map((r) => ({ id: r.id, reason: reason.trim() })), comment: note }
        : action === "raise"
          ? { action, formId: formId ?? "", comment: note }
          : action === "return"
            ? { action, comment: comment.trim() }
            : { action, comment: note };
    review.mutate(body, {
      onSuccess: (after) => {
        notifySuccess(
          t(`commendations.review.done.${action}`, {
            count: trimmed.length,
            unit: after.waitingAt?.name ?? after.unit.name,
          }),
        );
        onClose();
        onDone(action);
      },
    });
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <Text size="sm">
          {t(`commendations.review.messages.${action}`, {
            collectives: proposal.collectiveCount,
            individuals: proposal.individualCount,
            form: proposal.form.name,
            count: trimmed.length,
            kept,
          })}
        </Text>
        {action === "trim" && (
          <List size="sm" spacing={2} aria-label={t("commendations.review.trimList")}>
            {trimmed.slice(0, 20).map((r) => (
              <List.Item key={r.id}>{r.name}</List.Item>
            ))}
            {trimmed.length > 20 && (
              <List.Item>{t("commendations.review.andMore", { count: trimmed.length - 20 })}</List.Item>
            )}
          </List>
        )}
        {review.isError && (
          <Alert color={moved ? "orange" : "red"} icon={<IconAlertCircle />} role="alert">
            {moved ? t("commendations.review.moved") : review.error.message}
          </Alert>
        )}
        {action === "raise" && (
          <Select
            label={t("commendations.review.higherForm")}
            data={proposal.higherForms.map((f) => ({ value: f.id, label: f.name }))}
            value={formId}
            onChange={setFormId}
            required
            allowDeselect={false}
            error={submitted ? errors.formId : undefined}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {action === "trim" && (
          <Textarea
            label={t("commendations.review.trimReason")}
            description={t("commendations.review.trimReasonHint")}
            required
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={submitted ? errors.reason : undefined}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={LIMITS.trimReason}
            data-autofocus
          />
        )}
        <Textarea
          label={t("commendations.review.comment")}
          description={action === "return" ? t("commendations.review.commentHintReturn") : undefined}
          required={action === "return"}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          error={submitted ? errors.comment : undefined}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={LIMITS.comment}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={review.isPending}>
            {t("common.cancel")}
          </Button>
          <Button
            type="submit"
            loading={review.isPending}
            color={
              action === "return" || action === "trim" ? "orange" : action === "approve" ? "teal" : undefined
            }
          >
            {t(`commendations.review.confirm.${action}`, { count: trimmed.length })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
