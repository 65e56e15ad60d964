import { Anchor, Badge, Group, Skeleton, Stack, Text } from "@mantine/core";
import { IconBook2, IconChevronRight } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { HomeCard } from "../../components/HomeCard";
import { ErrorAlert } from "../../components/ListStates";
import { todayInVietnam } from "../../lib/format";
import { useTopics } from "./api";

/**
 * "Chuyên đề năm nay": the topics of a year issued to the caller's unit (by it or the units above
 * it, the nearest first), in large type for members. Embeddable (the member home screen).
 */
export function YearTopicCard({ year }: { year?: number }) {
  const { t } = useTranslation();
  const shown = year ?? Number(todayInVietnam().slice(0, 4));
  const topics = useTopics({ year: shown, chain: true, pageSize: 5 });
  return (
    <HomeCard
      id="year-topic-title"
      title={t("topics.yearTopic", { year: shown })}
      icon={<IconBook2 size={24} aria-hidden color="var(--mantine-color-red-7)" />}
    >
      {topics.isPending ? (
        <Skeleton height={72} radius="sm" />
      ) : topics.isError ? (
        <ErrorAlert error={topics.error} onRetry={() => topics.refetch()} />
      ) : topics.data.items.length === 0 ? (
        <Text fz="lg" c="dimmed">
          {t("topics.noYearTopic", { year: shown })}
        </Text>
      ) : (
        topics.data.items.map((topic) => (
          <Stack key={topic.id} gap={6}>
            <Anchor component={Link} to={`/topics/${topic.id}`} fz="xl" fw={700} lh={1.35} c="inherit">
              {topic.title}
            </Anchor>
            <Group gap="xs">
              <Badge variant="light" color="red" size="lg">
                {topic.unit.name}
              </Badge>
              {topic.fileCount + topic.links.length > 0 && (
                <Text size="md" c="dimmed">
                  {t("topics.materialCount", { count: topic.fileCount + topic.links.length })}
                </Text>
              )}
            </Group>
            {topic.summary && (
              <Text fz="lg" lh={1.6} lineClamp={4}>
                {topic.summary}
              </Text>
            )}
            <Anchor component={Link} to={`/topics/${topic.id}`} fz="lg" fw={600}>
              <Group gap={4} component="span">
                {t("topics.openTopic")}
                <IconChevronRight size={18} aria-hidden />
              </Group>
            </Anchor>
          </Stack>
        ))
      )}
    </HomeCard>
  );
}
