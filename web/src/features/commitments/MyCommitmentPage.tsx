import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconHistory, IconLock } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ErrorAlert, PageLoader } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { thisYear } from "../../components/YearSelect";
import { isApiError } from "../../lib/api";
import { AssessmentForm } from "./AssessmentForm";
import { useMyCommitment } from "./api";
import { CommitmentForm } from "./CommitmentForm";
import { CommitmentView } from "./CommitmentView";

/**
 * Bản cam kết của tôi: while a draft (or not yet written), the form that saves itself; once
 * submitted, what was written, the mid-year and year-end self-assessments, and the review.
 */
export function MyCommitmentPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const year = Number(params.get("year")) || thisYear();
  const mine = useMyCommitment(year);
  const [formKey, setFormKey] = useState(0);
  const submittedHeading = useRef<HTMLHeadingElement>(null);
  const status = mine.data?.commitment?.status ?? null;
  const [wasDraft, setWasDraft] = useState(false);
  if (status === "draft" && !wasDraft) setWasDraft(true);
  const justSubmitted = wasDraft && status !== null && status !== "draft";

  // Once submitted, the focus goes to the page's new heading (the form it was in is gone).
  useEffect(() => {
    if (justSubmitted) submittedHeading.current?.focus();
  }, [justSubmitted]);

  const reload = async () => {
    await mine.refetch();
    setFormKey((k) => k + 1);
  };

  const header = (
    <PageHeader
      title={t("commitments.mine.title", { year })}
      actions={
        <Button
          variant="subtle"
          component={Link}
          to="/commitment/history"
          leftSection={<IconHistory size={18} aria-hidden />}
        >
          {t("commitments.history.link")}
        </Button>
      }
    />
  );

  if (mine.isPending) return <PageLoader />;
  if (mine.isError)
    return (
      <Stack maw={760}>
        {header}
        {isApiError(mine.error, "FORBIDDEN") ? (
          <Alert color="orange">{mine.error.message}</Alert>
        ) : (
          <ErrorAlert error={mine.error} onRetry={() => mine.refetch()} />
        )}
      </Stack>
    );

  const { commitment, locked } = mine.data;
  const editable = !locked && (!commitment || commitment.status === "draft");

  return (
    <Stack maw={760} gap="lg">
      {header}
      {locked && (
        <Alert color="gray" icon={<IconLock />} title={t("commitments.mine.lockedTitle")}>
          {t("commitments.mine.locked")}
        </Alert>
      )}
      {editable ? (
        <Paper withBorder radius="md" p={{ base: "sm", sm: "lg" }}>
          <CommitmentForm key={formKey} mine={mine.data} onReload={() => void reload()} />
        </Paper>
      ) : !commitment ? (
        <Text fz="lg" c="dimmed">
          {t("commitments.mine.noneThisYear")}
        </Text>
      ) : (
        <>
          <Paper withBorder radius="md" p={{ base: "sm", sm: "lg" }}>
            <Stack gap="md">
              <Title order={2} fz="h3" ref={submittedHeading} tabIndex={-1} id="my-commitment-title">
                {t("commitments.mine.written", { year })}
              </Title>
              {justSubmitted && (
                <Alert color="teal" role="status">
                  {t("commitments.mine.submitted")}
                </Alert>
              )}
              <CommitmentView commitment={commitment} showAssessments={false} />
            </Stack>
          </Paper>
          <Stack gap="md" id="assessment">
            <Title order={2} fz="h3">
              {t("commitments.assess.title")}
            </Title>
            <AssessmentForm
              key={`mid-${formKey}`}
              commitment={commitment}
              period="mid"
              onReload={() => void reload()}
            />
            <AssessmentForm
              key={`end-${formKey}`}
              commitment={commitment}
              period="end"
              onReload={() => void reload()}
            />
          </Stack>
        </>
      )}
      <Group>
        <Anchor component={Link} to="/">
          {t("commitments.mine.backHome")}
        </Anchor>
      </Group>
    </Stack>
  );
}
