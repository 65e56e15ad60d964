import { Alert, Box, Button, Center, Group, Paper, Stack, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconLock, IconLogout } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useCurrentUser, useLogout } from "../../lib/session";
import { ChangePasswordForm } from "../account/ChangePasswordForm";

/** An account with a one-time password must choose its own before using anything else. */
export function ForcePasswordChangePage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t("forcePassword.title")} · ${t("app.name")}`);
  const user = useCurrentUser();
  const logout = useLogout();
  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <Group justify="space-between" p="sm" wrap="nowrap" gap="xs">
        <LanguageSwitch />
        <Button
          variant="subtle"
          leftSection={<IconLogout size={16} />}
          onClick={() => logout.mutate()}
          data-testid="logout"
        >
          {t("userMenu.logout")}
        </Button>
      </Group>
      <Center px="sm" pb="xl">
        <Box component="main" w="100%" maw={460}>
          <Paper withBorder shadow="sm" p={{ base: "md", sm: "xl" }} radius="md">
            <Stack>
              <Title order={1} fz="h3">
                {t("forcePassword.title")}
              </Title>
              <Alert color="blue" icon={<IconLock />} variant="light">
                {t("forcePassword.message", { name: user.displayName })}
              </Alert>
              <ChangePasswordForm />
            </Stack>
          </Paper>
        </Box>
      </Center>
    </Box>
  );
}
