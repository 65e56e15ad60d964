import { Anchor, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { BareList } from "../../components/BareList";
import { PagedList } from "../../components/PagedList";
import { Section } from "../../components/Section";
import { formatDate } from "../../lib/format";
import { useCurrentUser } from "../../lib/session";
import { type StudySession, useSessions } from "./api";

/** The study sessions of the caller's subtree in a year, latest first. */
export function SessionsList({ year, topicId }: { year: number; topicId?: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [page, setPage] = useState(1);
  const sessions = useSessions({ year, page, ...(topicId ? { topicId } : {}) });
  return (
    <Section id="sessions-title" title={t("topics.sessions.title")}>
      <PagedList query={sessions} empty={t("topics.sessions.empty")} rows={3} page={page} onPage={setPage}>
        {(data) => (
          <BareList gap="xs">
            {data.items.map((session) => (
              <SessionRow key={session.id} session={session} showMine={user.role === "member"} />
            ))}
          </BareList>
        )}
      </PagedList>
    </Section>
  );
}

function SessionRow({ session, showMine }: { session: StudySession; showMine: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Stack gap={2}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Anchor component={Link} to={`/topics/sessions/${session.id}`} fw={600}>
            {formatDate(session.heldOn)} · {session.unit.name}
          </Anchor>
          <Group gap="xs">
            <Badge variant="light">{t("topics.sessions.present", { count: session.attendeeCount })}</Badge>
            {showMine && (
              <Badge color={session.attendedByMe ? "teal" : "gray"} variant="light">
                {session.attendedByMe ? t("topics.sessions.iWasThere") : t("topics.sessions.iWasAway")}
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm" c="dimmed" lineClamp={2}>
          {session.topic.title}
        </Text>
        {session.notes && (
          <Text size="sm" lineClamp={2}>
            {session.notes}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
