import {
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { focusFirstError } from "../../components/focusFirstError";
import { ErrorAlert, PageLoader } from "../../components/ListStates";
import { NotFoundPage } from "../../components/NotFoundPage";
import { PageHeader } from "../../components/PageHeader";
import { fieldErrors, isApiError } from "../../lib/api";
import { type Commitment, useCommitment, useReviewCommitment } from "./api";
import { CommitmentView } from "./CommitmentView";

/** One member's commitment, read by the secretary or an officer above, with the review (comment, year-end score). */
export function CommitmentReviewPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const commitment = useCommitment(id);
  if (commitment.isPending) return <PageLoader />;
  if (commitment.isError) {
    if (isApiError(commitment.error, "NOT_FOUND") || isApiError(commitment.error, "VALIDATION_FAILED"))
      return <NotFoundPage />;
    return (
      <Stack>
        <PageHeader title={t("commitments.review.title")} />
        <ErrorAlert error={commitment.error} onRetry={() => commitment.refetch()} />
      </Stack>
    );
  }
  const c = commitment.data.commitment;
  return (
    <Stack maw={800} gap="lg">
      <Anchor component={Link} to={`/commitments?unit=${c.unit.id}&year=${c.year}`}>
        {t("commitments.review.back", { unit: c.unit.name })}
      </Anchor>
      <PageHeader
        title={t("commitments.review.heading", { name: c.fullName, year: c.year })}
        description={c.unit.name}
      />
      <Paper withBorder radius="md" p={{ base: "sm", sm: "lg" }}>
        <CommitmentView commitment={c} />
      </Paper>
      {c.allowedActions.includes("review") && (
        <ReviewForm key={c.id} commitment={c} onReload={() => void commitment.refetch()} />
      )}
    </Stack>
  );
}

function ReviewForm({ commitment, onReload }: { commitment: Commitment; onReload: () => void }) {
  const { t } = useTranslation();
  const review = useReviewCommitment();
  const [comment, setComment] = useState(commitment.reviewComment ?? "");
  const [score, setScore] = useState(commitment.score === null ? "" : String(commitment.score));
  const [checked, setChecked] = useState(false);
  const [announce, setAnnounce] = useState("");
  const parsed = score.trim() === "" ? null : Number(score);
  const scoreError =
    checked && parsed !== null && (!Number.isInteger(parsed) || parsed < 0 || parsed > 100)
      ? t("commitments.review.scoreRange")
      : fieldErrors(review.error).score;
  const conflict = isApiError(review.error, "VERSION_CONFLICT") || isApiError(review.error, "STATE_CONFLICT");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (parsed !== null && (!Number.isInteger(parsed) || parsed < 0 || parsed > 100)) {
      focusFirstError(event.currentTarget);
      return;
    }
    setAnnounce("");
    review.mutate(
      { id: commitment.id, comment: comment.trim() || null, score: parsed, version: commitment.version },
      { onSuccess: () => setAnnounce(t("commitments.review.saved")) },
    );
  };

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: "sm", sm: "lg" }}
      component="section"
      aria-labelledby="review-title"
    >
      <Box component="form" onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} fz="h4" id="review-title">
            {t("commitments.review.formTitle")}
          </Title>
          <Textarea
            label={t("commitments.review.comment")}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={2000}
            size="md"
          />
          <TextInput
            label={t("commitments.review.score")}
            description={t("commitments.review.scoreHint")}
            value={score}
            onChange={(event) => setScore(event.currentTarget.value.replace(/[^\d]/g, ""))}
            inputMode="numeric"
            maxLength={3}
            w={200}
            size="md"
            error={scoreError}
          />
          {conflict && (
            <Alert color="orange" role="alert">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{review.error instanceof Error ? review.error.message : ""}</Text>
                <Button variant="white" color="orange" onClick={onReload}>
                  {t("commitments.form.reload")}
                </Button>
              </Stack>
            </Alert>
          )}
          {review.isError && !conflict && !scoreError && (
            <Alert color="red" role="alert">
              {review.error instanceof Error ? review.error.message : t("errors.unknown")}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={review.isPending}>
              {t("commitments.review.save")}
            </Button>
            <Text role="status" aria-live="polite" size="sm" c="teal">
              {announce}
            </Text>
          </Group>
        </Stack>
      </Box>
    </Paper>
  );
}
