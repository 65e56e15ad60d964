import { Group, Paper, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A card of the home page: a section named by its heading, with the module's icon before it. */
export function HomeCard({
  id,
  title,
  icon,
  testId,
  children,
}: {
  id: string;
  title: string;
  /** Drawn 24 px, hidden from screen readers. */
  icon?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  const heading = (
    <Title order={2} fz="h3" id={id}>
      {title}
    </Title>
  );
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
      component="section"
      aria-labelledby={id}
      data-testid={testId}
    >
      <Stack gap="sm">
        {icon ? (
          <Group gap="xs" wrap="nowrap">
            {icon}
            {heading}
          </Group>
        ) : (
          heading
        )}
        {children}
      </Stack>
    </Paper>
  );
}
