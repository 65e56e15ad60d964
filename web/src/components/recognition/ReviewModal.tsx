import { Alert, Checkbox, Radio, Stack, Text, Textarea } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import type { UseMutationResult } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../lib/api";
import { AppModal, type DialogProps, FormActions } from "../AppModal";
import { focusFirstError } from "../focusFirstError";
import { notifySuccess } from "../notify";

/** The two kinds of submission that share the review workflow: good-practice models and exemplars. */
export type RecognitionArea = "practices" | "exemplars";
export type ReviewDecision = "return" | "recognise" | "forward";

const DECISIONS: ReviewDecision[] = ["recognise", "forward", "return"];

interface Reviewed {
  id: string;
  title: string;
}
export type ReviewInput = { id: string; decision: ReviewDecision; comment: string | null; public?: boolean };

/**
 * Xét duyệt: the reviewing unit returns the model or nomination with a comment (required),
 * recognises it at its own level (optionally showing it on the public showcase), or forwards it to
 * the unit above.
 */
export function ReviewModal<Data>({
  area,
  item,
  useReview,
  opened,
  onClose,
  initialDecision = null,
}: DialogProps & {
  area: RecognitionArea;
  item: Reviewed;
  /** The module's review mutation (a hook: a fresh one each time the dialog opens). */
  useReview: () => UseMutationResult<Data, Error, ReviewInput>;
  initialDecision?: ReviewDecision | null;
}) {
  const { t } = useTranslation();
  return (
    <AppModal fresh opened={opened} onClose={onClose} title={t(`${area}.review.title`)} size="lg">
      <ReviewForm
        area={area}
        item={item}
        useReview={useReview}
        initialDecision={initialDecision}
        onClose={onClose}
      />
    </AppModal>
  );
}

function ReviewForm<Data>({
  area,
  item,
  useReview,
  initialDecision,
  onClose,
}: {
  area: RecognitionArea;
  item: Reviewed;
  useReview: () => UseMutationResult<Data, Error, ReviewInput>;
  initialDecision: ReviewDecision | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const review = useReview();
  const [decision, setDecision] = useState<ReviewDecision | null>(initialDecision);
  const [comment, setComment] = useState("");
  const [makePublic, setMakePublic] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const errors = {
    decision: !decision ? t(`${area}.review.decisionRequired`) : undefined,
    comment: decision === "return" && !comment.trim() ? t(`${area}.review.commentRequired`) : undefined,
  };
  const moved = isApiError(review.error, "STATE_CONFLICT");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    focusFirstError(event.currentTarget);
    if (!decision || errors.comment) return;
    review.mutate(
      {
        id: item.id,
        decision,
        comment: comment.trim() || null,
        ...(decision === "recognise" ? { public: makePublic } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t(`${area}.review.done.${decision}`, { title: item.title }));
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
          {item.title}
        </Text>
        {review.isError && (
          <Alert color={moved ? "orange" : "red"} icon={<IconAlertCircle />} role="alert">
            {moved ? t(`${area}.review.moved`) : review.error.message}
          </Alert>
        )}
        <Radio.Group
          label={t(`${area}.review.decision`)}
          value={decision}
          onChange={(value) => setDecision(value as ReviewDecision)}
          error={submitted ? errors.decision : undefined}
          required
        >
          <Stack gap="sm" mt="xs">
            {DECISIONS.map((value) => (
              <Radio
                key={value}
                value={value}
                label={t(`${area}.review.decisions.${value}`)}
                description={t(`${area}.review.decisionHints.${value}`)}
                aria-invalid={submitted && !!errors.decision}
              />
            ))}
          </Stack>
        </Radio.Group>
        {decision === "recognise" && (
          <Checkbox
            label={t(`${area}.review.makePublic`)}
            description={t(`${area}.review.makePublicHint`)}
            checked={makePublic}
            onChange={(event) => setMakePublic(event.currentTarget.checked)}
          />
        )}
        <Textarea
          label={t(`${area}.review.comment`)}
          description={
            decision === "return" ? t(`${area}.review.commentHintReturn`) : t(`${area}.review.commentHint`)
          }
          required={decision === "return"}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          error={submitted ? errors.comment : undefined}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={2000}
          size="md"
        />
        <FormActions
          onCancel={onClose}
          pending={review.isPending}
          color={decision === "return" ? "orange" : undefined}
          submitLabel={decision ? t(`${area}.review.confirm.${decision}`) : t(`${area}.review.send`)}
        />
      </Stack>
    </form>
  );
}

/** Gửi xét duyệt: a draft or returned model or nomination goes to the unit above, with an optional note. */
export function SubmitModal<Data>({
  area,
  item,
  useSubmit,
  sentOf,
  opened,
  onClose,
}: DialogProps & {
  area: RecognitionArea;
  item: Reviewed;
  useSubmit: () => UseMutationResult<Data, Error, { id: string; comment: string | null }>;
  /** The submitted item in the answer: its title and the unit it now waits at. */
  sentOf: (data: Data) => { title: string; waitingAt: { name: string } | null };
}) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const [comment, setComment] = useState("");
  const close = () => {
    submit.reset();
    onClose();
  };
  return (
    <AppModal opened={opened} onClose={close} title={t(`${area}.submit.title`)}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit.mutate(
            { id: item.id, comment: comment.trim() || null },
            {
              onSuccess: (data) => {
                const sent = sentOf(data);
                notifySuccess(
                  t(`${area}.submit.done`, { unit: sent.waitingAt?.name ?? "", title: sent.title }),
                );
                setComment("");
                close();
              },
            },
          );
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">{t(`${area}.submit.message`, { title: item.title })}</Text>
          {submit.isError && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {submit.error.message}
            </Alert>
          )}
          <Textarea
            label={t(`${area}.submit.comment`)}
            description={t(`${area}.submit.commentHint`)}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={2000}
            size="md"
          />
          <FormActions
            onCancel={close}
            pending={submit.isPending}
            submitLabel={t(`${area}.submit.confirm`)}
          />
        </Stack>
      </form>
    </AppModal>
  );
}
