import { Alert, Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import { IconArrowRight, IconChecklist, IconPencil, IconSend } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { HomeCard } from "../../components/HomeCard";
import { ErrorAlert } from "../../components/ListStates";
import { thisYear } from "../../components/YearSelect";
import { isApiError } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { type MyCommitment, useMyCommitment } from "./api";
import { CommitmentStatusBadge } from "./bits";

/** The one thing to do next with this year's commitment, as the big button says it. */
function nextStep(mine: MyCommitment) {
  const c = mine.commitment;
  if (mine.locked) return { key: "view", to: "/commitment", icon: IconArrowRight } as const;
  if (!c) return { key: "write", to: "/commitment", icon: IconPencil } as const;
  if (c.status === "draft") return { key: "submit", to: "/commitment", icon: IconSend } as const;
  if (!c.midYearAssessment || !c.yearEndAssessment)
    return { key: "assess", to: "/commitment#assessment", icon: IconChecklist } as const;
  return { key: "view", to: "/commitment", icon: IconArrowRight } as const;
}

/**
 * "Bản cam kết năm nay" on the home screen: its state in words, the deadline, and one big
 * button for what comes next (write, submit, assess), in large type for members on phones.
 */
export function MyCommitmentCard() {
  const { t } = useTranslation();
  const year = thisYear();
  const mine = useMyCommitment(year);
  return (
    <HomeCard
      id="my-commitment-card-title"
      title={t("commitments.card.title", { year })}
      testId="my-commitment-card"
    >
      {mine.isPending ? (
        <Skeleton height={80} radius="sm" />
      ) : mine.isError ? (
        isApiError(mine.error, "FORBIDDEN") ? (
          <Alert color="orange">{mine.error.message}</Alert>
        ) : (
          <ErrorAlert error={mine.error} onRetry={() => mine.refetch()} />
        )
      ) : (
        <CardBody mine={mine.data} />
      )}
    </HomeCard>
  );
}

function CardBody({ mine }: { mine: MyCommitment }) {
  const { t } = useTranslation();
  const step = nextStep(mine);
  const c = mine.commitment;
  const deadline = mine.template?.deadline;
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <CommitmentStatusBadge status={c?.status ?? null} size="xl" />
        {c?.score != null && <Text fz="lg">{t("commitments.view.score", { score: c.score })}</Text>}
      </Group>
      <Text fz="lg" lh={1.5}>
        {t(`commitments.card.explain.${step.key}`)}
      </Text>
      {deadline && (!c || c.status === "draft") && (
        <Text fz="lg" fw={600}>
          {t("commitments.form.deadline", { date: formatDate(deadline) })}
        </Text>
      )}
      <Button
        component={Link}
        to={step.to}
        size="xl"
        fullWidth
        leftSection={<step.icon size={24} aria-hidden />}
        data-testid="commitment-cta"
        styles={{ label: { whiteSpace: "normal" } }}
      >
        {t(`commitments.card.cta.${step.key}`)}
      </Button>
    </Stack>
  );
}
