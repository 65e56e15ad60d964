import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t("notFound.title")} · ${t("app.name")}`);
  return (
    <Center mih="50vh">
      <Stack align="center" gap="sm" ta="center">
        <Text fz={64} fw={800} c="dimmed" aria-hidden>
          404
        </Text>
        <Title order={1} fz="h2">
          {t("notFound.title")}
        </Title>
        <Text c="dimmed">{t("notFound.message")}</Text>
        <Button component={Link} to="/">
          {t("notFound.home")}
        </Button>
      </Stack>
    </Center>
  );
}
