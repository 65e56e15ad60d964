import { Group, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The page's heading (also the browser tab title), a short description and its main actions. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · ${t("app.name")}`);
  return (
    <Group justify="space-between" align="flex-end" gap="sm" mb="md" wrap="wrap" preventGrowOverflow={false}>
      <Stack gap={4}>
        <Title order={1} fz={{ base: "h3", sm: "h2" }}>
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
      </Stack>
      {actions && (
        <Group gap="sm" preventGrowOverflow={false}>
          {actions}
        </Group>
      )}
    </Group>
  );
}
