import { Card, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { NAV_ITEMS } from "../../app/navigation";
import { PageHeader } from "../../components/PageHeader";
import { can, useCurrentUser } from "../../lib/session";
import { MemberHome } from "../commitments/MemberHome";
import { MyCommitmentCard } from "../commitments/MyCommitmentCard";

export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const shortcuts = NAV_ITEMS.filter((item) => item.path !== "/" && can(user, item.capability));
  // Members get their own, simpler home: this year's commitment first, in large type.
  if (user.role === "member") return <MemberHome />;
  return (
    <Stack maw={1100}>
      <PageHeader title={t("home.title")} />
      <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
        <Stack gap={4}>
          <Title order={2} fz={{ base: "h3", sm: "h2" }} data-testid="welcome">
            {t("home.welcome", { name: user.displayName })}
          </Title>
          <Text c="dimmed">
            {t("home.roleInUnit", { role: t(`roles.${user.role}`), unit: user.unitName })}
          </Text>
        </Stack>
      </Paper>
      {user.personId && <MyCommitmentCard />}
      <Title order={2} fz="h4" mt="sm">
        {t("home.shortcuts")}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {shortcuts.map((item) => (
          <Card key={item.path} component={Link} to={item.path} withBorder padding="md" radius="md">
            <Group wrap="nowrap">
              <ThemeIcon variant="light" size={40} radius="md" aria-hidden>
                <item.icon size={22} />
              </ThemeIcon>
              <Text fw={600}>{t(item.labelKey)}</Text>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
