import { Accordion, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { BareList } from "../../components/BareList";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { useCommitmentHistory } from "./api";
import { CommitmentStatusBadge, GradeBadge } from "./bits";
import { CommitmentView } from "./CommitmentView";

/** Các năm trước: the member's commitments year by year, with the grade confirmed each year. */
export function HistoryPage() {
  const { t } = useTranslation();
  const history = useCommitmentHistory();
  return (
    <Stack maw={760}>
      <PageHeader title={t("commitments.history.title")} description={t("commitments.history.description")} />
      {history.isPending ? (
        <ListSkeleton rows={3} />
      ) : history.isError ? (
        <ErrorAlert error={history.error} onRetry={() => history.refetch()} />
      ) : history.data.items.length === 0 ? (
        <EmptyList message={t("commitments.history.empty")} />
      ) : (
        <BareList gap="md">
          {history.data.items.map((item) => (
            <Paper component="li" key={item.year} withBorder radius="md" p={{ base: "sm", sm: "md" }}>
              <Stack gap="sm">
                <Title order={2} fz="h3">
                  {t("commitments.history.year", { year: item.year })}
                </Title>
                <Group gap="sm" wrap="wrap">
                  <CommitmentStatusBadge status={item.commitment?.status ?? null} size="lg" />
                  {item.commitment?.score != null && (
                    <Text fz="lg">{t("commitments.view.score", { score: item.commitment.score })}</Text>
                  )}
                </Group>
                <Group gap="sm" wrap="wrap">
                  <Text fz="lg" fw={600}>
                    {t("commitments.history.grade")}
                  </Text>
                  {item.grade ? (
                    <GradeBadge grade={item.grade} size="lg" />
                  ) : (
                    <Text fz="lg" c="dimmed">
                      {t("commitments.history.noGrade")}
                    </Text>
                  )}
                  {item.points !== null && (
                    <Text fz="lg">{t("commitments.sheet.pointsValue", { points: item.points })}</Text>
                  )}
                </Group>
                {item.commitment && (
                  <Accordion variant="contained" chevronPosition="left">
                    <Accordion.Item value="detail">
                      <Accordion.Control>{t("commitments.history.show")}</Accordion.Control>
                      <Accordion.Panel>
                        <CommitmentView commitment={item.commitment} headingLevel={3} />
                      </Accordion.Panel>
                    </Accordion.Item>
                  </Accordion>
                )}
              </Stack>
            </Paper>
          ))}
        </BareList>
      )}
    </Stack>
  );
}
