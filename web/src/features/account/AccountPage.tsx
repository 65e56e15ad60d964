import { Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/PageHeader";
import { useCurrentUser } from "../../lib/session";
import { ChangePasswordForm } from "./ChangePasswordForm";

export function AccountPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <Stack maw={960}>
      <PageHeader title={t("account.title")} description={t("account.description")} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="account-profile">
          <Title order={2} fz="h4" mb="sm" id="account-profile">
            {t("account.profile")}
          </Title>
          <Stack gap="xs" component="dl" m={0}>
            <Profile label={t("users.username")} value={user.username} />
            <Profile label={t("users.displayName")} value={user.displayName} />
            <Profile label={t("users.role")} value={t(`roles.${user.role}`)} />
            <Profile label={t("users.unit")} value={user.unitName} />
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="account-password">
          <Title order={2} fz="h4" mb="sm" id="account-password">
            {t("account.changePassword")}
          </Title>
          <ChangePasswordForm />
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function Profile({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text component="dt" size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} fw={500} style={{ overflowWrap: "anywhere" }}>
        {value}
      </Text>
    </Group>
  );
}
