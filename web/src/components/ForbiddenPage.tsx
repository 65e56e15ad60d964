import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function ForbiddenPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t("forbidden.title")} · ${t("app.name")}`);
  return (
    <Center mih="50vh">
      <Stack align="center" gap="sm" ta="center">
        <Title order={1} fz="h2">
          {t("forbidden.title")}
        </Title>
        <Text c="dimmed">{t("forbidden.message")}</Text>
        <Button component={Link} to="/">
          {t("notFound.home")}
        </Button>
      </Stack>
    </Center>
  );
}
