import { Anchor, Badge, Button, Group, Select, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconCalendarPlus, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { BareList } from "../../components/BareList";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { todayInVietnam } from "../../lib/format";
import { can, useCurrentUser } from "../../lib/session";
import { useTopics } from "./api";
import { CoveragePanel } from "./CoveragePanel";
import { SessionsList } from "./SessionsList";
import { TopicFormModal } from "./TopicFormModal";
import { YearTopicCard } from "./YearTopicCard";

/**
 * Chuyên đề: the year's topic (issued to the caller's unit from above, or by it), the topics the
 * caller's units issued, how far the subtree has studied it, and the study sessions.
 */
export function TopicsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const year = Number(params.get("year")) || thisYear;
  const [issuing, issue] = useDisclosure(false);
  const issuer = can(user, "topics.issue");
  const recorder = can(user, "topics.record");
  const years = Array.from({ length: 7 }, (_, i) => String(thisYear + 1 - i));

  return (
    <Stack maw={1100}>
      <PageHeader
        title={t("topics.title")}
        description={t("topics.pageDescription")}
        actions={
          <>
            {recorder && (
              <Button
                component={Link}
                to={`/topics/sessions/new?year=${year}`}
                leftSection={<IconCalendarPlus size={18} />}
              >
                {t("topics.sessions.record")}
              </Button>
            )}
            {issuer && (
              <Button variant="default" leftSection={<IconPlus size={18} />} onClick={issue.open}>
                {t("topics.issue")}
              </Button>
            )}
          </>
        }
      />
      <Select
        label={t("topics.year")}
        data={years}
        value={String(year)}
        onChange={(value) => setParams(value ? { year: value } : {}, { replace: true })}
        allowDeselect={false}
        maw={160}
      />
      <YearTopicCard year={year} />
      {issuer && <IssuedTopics year={year} />}
      {user.role !== "member" && <CoveragePanel year={year} />}
      <SessionsList year={year} />
      <TopicFormModal
        opened={issuing}
        onClose={issue.close}
        onSaved={(topic) => navigate(`/topics/${topic.id}`)}
      />
    </Stack>
  );
}

/** The topics of the year issued by the caller's unit or the units below it. */
function IssuedTopics({ year }: { year: number }) {
  const { t } = useTranslation();
  const topics = useTopics({ year, pageSize: 100 });
  const mine = (topics.data?.items ?? []).filter((topic) => topic.mine);
  if (!mine.length) return null;
  return (
    <Section id="issued-title" title={t("topics.issued")} gap="xs">
      <BareList gap="xs">
        {mine.map((topic) => (
          <Group component="li" key={topic.id} justify="space-between" wrap="wrap" gap="xs">
            <Anchor component={Link} to={`/topics/${topic.id}`} fw={600}>
              {topic.title}
            </Anchor>
            <Group gap="xs">
              <Badge variant="light">{topic.unit.name}</Badge>
              <Text size="sm" c="dimmed">
                {t("topics.materialCount", { count: topic.fileCount + topic.links.length })}
              </Text>
            </Group>
          </Group>
        ))}
      </BareList>
    </Section>
  );
}
