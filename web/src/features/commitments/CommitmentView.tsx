import { Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../lib/format";
import type { Commitment } from "./api";
import { CommitmentStatusBadge } from "./bits";

const paragraph = { whiteSpace: "pre-wrap" as const, overflowWrap: "anywhere" as const };

/** A commitment as written: its parts, targets (with their results), the member's assessments and the review. */
export function CommitmentView({
  commitment,
  headingLevel = 2,
  showAssessments = true,
}: {
  commitment: Commitment;
  headingLevel?: 2 | 3;
  showAssessments?: boolean;
}) {
  const { t } = useTranslation();
  const sub = (headingLevel + 1) as 3 | 4;
  return (
    <Stack gap="md" data-testid="commitment-view">
      <Group gap="sm" wrap="wrap">
        <CommitmentStatusBadge status={commitment.status} size="lg" />
        {commitment.submittedAt && (
          <Text c="dimmed">
            {t("commitments.view.submittedAt", { date: formatDate(commitment.submittedAt) })}
          </Text>
        )}
      </Group>
      <Stack gap={4}>
        <Title order={sub} fz="h4">
          {t("commitments.form.study")}
        </Title>
        <Text fz="lg" style={paragraph}>
          {commitment.study || "—"}
        </Text>
      </Stack>
      <Stack gap={4}>
        <Title order={sub} fz="h4">
          {t("commitments.form.actions")}
        </Title>
        <Text fz="lg" style={paragraph}>
          {commitment.actions || "—"}
        </Text>
      </Stack>
      <Stack gap={4}>
        <Title order={sub} fz="h4">
          {t("commitments.form.targets")}
        </Title>
        {commitment.targets.length === 0 ? (
          <Text c="dimmed">—</Text>
        ) : (
          <Stack component="ol" gap="xs" pl="lg" m={0}>
            {commitment.targets.map((target, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: targets are an ordered list without ids
              <li key={index}>
                <Text fz="lg" fw={600} style={paragraph}>
                  {target.text}
                </Text>
                {target.measure && (
                  <Text c="dimmed" style={paragraph}>
                    {t("commitments.view.measure", { measure: target.measure })}
                  </Text>
                )}
                {target.result && (
                  <Text style={paragraph}>{t("commitments.view.result", { result: target.result })}</Text>
                )}
              </li>
            ))}
          </Stack>
        )}
      </Stack>
      {showAssessments && (commitment.midYearAssessment || commitment.yearEndAssessment) && (
        <Stack gap="sm">
          {commitment.midYearAssessment && (
            <Assessment
              title={t("commitments.assess.mid")}
              text={commitment.midYearAssessment}
              at={commitment.midYearAt}
              level={sub}
            />
          )}
          {commitment.yearEndAssessment && (
            <Assessment
              title={t("commitments.assess.end")}
              text={commitment.yearEndAssessment}
              at={commitment.yearEndAt}
              level={sub}
            />
          )}
        </Stack>
      )}
      {(commitment.reviewComment || commitment.score !== null) && (
        <Paper withBorder radius="md" p="md" bg="var(--mantine-color-teal-light)">
          <Stack gap={4}>
            <Title order={sub} fz="h4">
              {t("commitments.view.review")}
            </Title>
            {commitment.score !== null && (
              <Text fz="lg" fw={700}>
                {t("commitments.view.score", { score: commitment.score })}
              </Text>
            )}
            {commitment.reviewComment && (
              <Text fz="lg" style={paragraph}>
                {commitment.reviewComment}
              </Text>
            )}
            {commitment.reviewedAt && (
              <Text size="sm" c="dimmed">
                {formatDateTime(commitment.reviewedAt)}
              </Text>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function Assessment({
  title,
  text,
  at,
  level,
}: {
  title: string;
  text: string;
  at: string | null;
  level: 3 | 4;
}) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={4}>
        <Title order={level} fz="h5">
          {title}
        </Title>
        <Text fz="lg" style={paragraph}>
          {text}
        </Text>
        {at && (
          <Text size="sm" c="dimmed">
            {formatDateTime(at)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
