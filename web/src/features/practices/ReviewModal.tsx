import { Alert, Button, Checkbox, Group, Modal, Radio, Stack, Text, Textarea } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { focusFirstError } from "../../components/focusFirstError";
import { notifySuccess } from "../../components/notify";
import { isApiError } from "../../lib/api";
import { type Practice, type ReviewDecision, useReviewPractice, useSubmitPractice } from "./api";

const DECISIONS: ReviewDecision[] = ["recognise", "forward", "return"];

/**
 * Xét duyệt: the reviewing unit returns the model with a comment (required), recognises it at its
 * own level (optionally showing it on the public showcase), or forwards it to the unit above.
 */
export function ReviewModal({
  practice,
  opened,
  onClose,
  initialDecision = null,
  onDone,
}: {
  practice: Pick<Practice, "id" | "title">;
  opened: boolean;
  onClose: () => void;
  initialDecision?: ReviewDecision | null;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("practices.review.title")}
      centered
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      {opened && (
        <ReviewForm practice={practice} initialDecision={initialDecision} onClose={onClose} onDone={onDone} />
      )}
    </Modal>
  );
}

function ReviewForm({
  practice,
  initialDecision,
  onClose,
  onDone,
}: {
  practice: Pick<Practice, "id" | "title">;
  initialDecision: ReviewDecision | null;
  onClose: () => void;
  onDone?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const review = useReviewPractice();
  const [decision, setDecision] = useState<ReviewDecision | null>(initialDecision);
  const [comment, setComment] = useState("");
  const [makePublic, setMakePublic] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const errors = {
    decision: !decision ? t("practices.review.decisionRequired") : undefined,
    comment: decision === "return" && !comment.trim() ? t("practices.review.commentRequired") : undefined,
  };
  const moved = isApiError(review.error, "STATE_CONFLICT");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    focusFirstError(event.currentTarget);
    if (!decision || errors.comment) return;
    review.mutate(
      {
        id: practice.id,
        decision,
        comment: comment.trim() || null,
        ...(decision === "recognise" ? { public: makePublic } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t(`practices.review.done.${decision}`, { title: practice.title }));
          onClose();
          onDone?.();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
          {practice.title}
        </Text>
        {review.isError && (
          <Alert color={moved ? "orange" : "red"} icon={<IconAlertCircle />} role="alert">
            {moved ? t("practices.review.moved") : review.error.message}
          </Alert>
        )}
        <Radio.Group
          label={t("practices.review.decision")}
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
                label={t(`practices.review.decisions.${value}`)}
                description={t(`practices.review.decisionHints.${value}`)}
                aria-invalid={submitted && !!errors.decision}
              />
            ))}
          </Stack>
        </Radio.Group>
        {decision === "recognise" && (
          <Checkbox
            label={t("practices.review.makePublic")}
            description={t("practices.review.makePublicHint")}
            checked={makePublic}
            onChange={(event) => setMakePublic(event.currentTarget.checked)}
          />
        )}
        <Textarea
          label={t("practices.review.comment")}
          description={
            decision === "return"
              ? t("practices.review.commentHintReturn")
              : t("practices.review.commentHint")
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={review.isPending}>
            {t("common.cancel")}
          </Button>
          <Button
            type="submit"
            loading={review.isPending}
            color={decision === "return" ? "orange" : undefined}
          >
            {decision ? t(`practices.review.confirm.${decision}`) : t("practices.review.send")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Gửi xét duyệt: a draft or returned model goes to the unit above, with an optional note. */
export function SubmitModal({
  practice,
  opened,
  onClose,
}: {
  practice: Pick<Practice, "id" | "title">;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const submitPractice = useSubmitPractice();
  const [comment, setComment] = useState("");
  const close = () => {
    submitPractice.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t("practices.submit.title")}
      centered
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submitPractice.mutate(
            { id: practice.id, comment: comment.trim() || null },
            {
              onSuccess: ({ practice: sent }) => {
                notifySuccess(
                  t("practices.submit.done", { unit: sent.waitingAt?.name ?? "", title: sent.title }),
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
          <Text size="sm">{t("practices.submit.message", { title: practice.title })}</Text>
          {submitPractice.isError && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {submitPractice.error.message}
            </Alert>
          )}
          <Textarea
            label={t("practices.submit.comment")}
            description={t("practices.submit.commentHint")}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={2000}
            size="md"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={submitPractice.isPending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={submitPractice.isPending}>
              {t("practices.submit.confirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
