import { Button, Center, Code, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { NotFoundPage } from "./NotFoundPage";

/** Shown when a page fails to render (the router's error boundary). */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const detail = error instanceof Error ? error.message : isRouteErrorResponse(error) ? error.statusText : "";
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" ta="center" maw={560}>
        <Title order={1} fz="h2">
          {t("errorPage.title")}
        </Title>
        <Text c="dimmed">{t("errorPage.message")}</Text>
        {detail && (
          <Code block style={{ maxWidth: "100%", whiteSpace: "pre-wrap" }}>
            {detail}
          </Code>
        )}
        <Group>
          <Button onClick={() => window.location.reload()}>{t("errorPage.reload")}</Button>
          <Button variant="default" component={Link} to="/" reloadDocument>
            {t("notFound.home")}
          </Button>
        </Group>
      </Stack>
    </Center>
  );
}
