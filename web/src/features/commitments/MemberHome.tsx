import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { IconBell, IconHistory } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { useCurrentUser } from "../../lib/session";
import { NewBulletins } from "../library/NewBulletins";
import { StandardsCard } from "../standards/StandardsCard";
import { YearTopicCard } from "../topics/YearTopicCard";
import { MyCommitmentCard } from "./MyCommitmentCard";

/**
 * The member's home: one column of large cards, the most pressing first — this year's
 * commitment with its one big button, the year's topic, new internal bulletins, the ethics
 * standards — then links to past years and notifications. Meant for phones and for members who
 * are not used to apps (the lesson of the national e-handbook: very simple screens).
 */
export function MemberHome() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <Stack maw={720} gap="lg" data-testid="member-home">
      <PageHeader title={t("home.title")} />
      <Stack gap={2}>
        <Title order={2} fz="h3" data-testid="welcome">
          {t("home.welcome", { name: user.displayName })}
        </Title>
        <Text fz="lg" c="dimmed">
          {user.unitName}
        </Text>
      </Stack>
      <MyCommitmentCard />
      <YearTopicCard />
      <NewBulletins />
      <StandardsCard />
      <Group gap="xl" component="nav" aria-label={t("commitments.home.more")}>
        <Anchor component={Link} to="/commitment/history" fz="lg">
          <Group gap={6} component="span">
            <IconHistory size={20} aria-hidden />
            {t("commitments.history.link")}
          </Group>
        </Anchor>
        <Anchor component={Link} to="/notifications" fz="lg">
          <Group gap={6} component="span">
            <IconBell size={20} aria-hidden />
            {t("notifications.title")}
          </Group>
        </Anchor>
      </Group>
    </Stack>
  );
}
