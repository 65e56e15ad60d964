import { Alert, Button, Checkbox, Group, Modal, Radio, Stack, Text, Textarea } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { focusFirstError } from "../../components/focusFirstError";
import { notifySuccess } from "../../components/notify";
import { isApiError } from "../../lib/api";
import { type Exemplar, type ReviewDecision, useReviewExemplar, useSubmitExemplar } from "./api";

const DECISIONS: ReviewDecision[] = ["recognise", "forward", "return"];

/**
 * Xét duyệt: the reviewing unit returns the nomination with a comment (required), recognises it at
 * its own level (optionally showing it on the public showcase), or forwards it to the unit above.
 */
export function ReviewExemplarModal({
  exemplar,
  opened,
  onClose,
  initialDecision = null,
}: {
  exemplar: Pick<Exemplar, "id" | "title">;
  opened: boolean;
  onClose: () => void;
  initialDecision?: ReviewDecision | null;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("exemplars.review.title")}
      centered
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      {opened && <ReviewForm exemplar={exemplar} initialDecision={initialDecision} onClose={onClose} />}
    </Modal>
  );
}

function ReviewForm({
  exemplar,
  initialDecision,
  onClose,
}: {
  exemplar: Pick<Exemplar, "id" | "title">;
  initialDecision: ReviewDecision | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const review = useReviewExemplar();
  const [decision, setDecision] = useState<ReviewDecision | null>(initialDecision);
  const [comment, setComment] = useState("");
  const [makePublic, setMakePublic] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const errors = {
    decision: !decision ? t("exemplars.review.decisionRequired") : undefined,
    comment: decision === "return" && !comment.trim() ? t("exemplars.review.commentRequired") : undefined,
  };
  const moved = isApiError(review.error, "STATE_CONFLICT");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    focusFirstError(event.currentTarget);
    if (!decision || errors.comment) return;
    review.mutate(
      {
        id: exemplar.id,
        decision,
        comment: comment.trim() || null,
        ...(decision === "recognise" ? { public: makePublic } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t(`exemplars.review.done.${decision}`, { title: exemplar.title }));
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
          {exemplar.title}
        </Text>
        {review.isError && (
          <Alert color={moved ? "orange" : "red"} icon={<IconAlertCircle />} role="alert">
            {moved ? t("exemplars.review.moved") : review.error.message}
          </Alert>
        )}
        <Radio.Group
          label={t("exemplars.review.decision")}
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
                label={t(`exemplars.review.decisions.${value}`)}
                description={t(`exemplars.review.decisionHints.${value}`)}
                aria-invalid={submitted && !!errors.decision}
              />
            ))}
          </Stack>
        </Radio.Group>
        {decision === "recognise" && (
          <Checkbox
            label={t("exemplars.review.makePublic")}
            description={t("exemplars.review.makePublicHint")}
            checked={makePublic}
            onChange={(event) => setMakePublic(event.currentTarget.checked)}
          />
        )}
        <Textarea
          label={t("exemplars.review.comment")}
          description={
            decision === "return"
              ? t("exemplars.review.commentHintReturn")
              : t("exemplars.review.commentHint")
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
            {decision ? t(`exemplars.review.confirm.${decision}`) : t("exemplars.review.send")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Gửi xét duyệt: a draft or returned nomination goes to the unit above, with an optional note. */
export function SubmitExemplarModal({
  exemplar,
  opened,
  onClose,
}: {
  exemplar: Pick<Exemplar, "id" | "title">;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const submitExemplar = useSubmitExemplar();
  const [comment, setComment] = useState("");
  const close = () => {
    submitExemplar.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t("exemplars.submit.title")}
      centered
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submitExemplar.mutate(
            { id: exemplar.id, comment: comment.trim() || null },
            {
              onSuccess: ({ exemplar: sent }) => {
                notifySuccess(
                  t("exemplars.submit.done", { unit: sent.waitingAt?.name ?? "", title: sent.title }),
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
          <Text size="sm">{t("exemplars.submit.message", { title: exemplar.title })}</Text>
          {submitExemplar.isError && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {submitExemplar.error.message}
            </Alert>
          )}
          <Textarea
            label={t("exemplars.submit.comment")}
            description={t("exemplars.submit.commentHint")}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={2000}
            size="md"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={submitExemplar.isPending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={submitExemplar.isPending}>
              {t("exemplars.submit.confirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
