import { Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * A titled block of a page, named for screen readers by its heading: framed (a detail page's
 * parts) or plain (a dashboard's), with its actions beside the heading or below it, and a note.
 */
export function Section({
  id: givenId,
  title,
  actions,
  actionsBeside = false,
  note,
  plain = false,
  gap = "sm",
  children,
}: {
  /** The heading's id (default: made from the title). */
  id?: string;
  title: string;
  actions?: ReactNode;
  /** The actions on the heading's line (wrapping below it on a phone), not under it. */
  actionsBeside?: boolean;
  note?: string | undefined;
  /** Unframed, marked with `data-testid={id}` (the dashboard's blocks). */
  plain?: boolean;
  /** Between the heading and the content (a framed section's). */
  gap?: "xs" | "sm";
  children: ReactNode;
}) {
  const id = givenId ?? `section-${title.replace(/\W+/g, "-")}`;
  const heading = (
    <Title order={2} fz="h4" id={id}>
      {title}
    </Title>
  );
  const head = actionsBeside ? (
    <Group justify="space-between" wrap="wrap" gap="xs">
      {heading}
      {actions}
    </Group>
  ) : (
    <Stack gap={plain ? 2 : "xs"}>
      {heading}
      {note && (
        <Text size="sm" c="dimmed">
          {note}
        </Text>
      )}
      {actions}
    </Stack>
  );
  if (plain)
    return (
      <Stack component="section" aria-labelledby={id} gap="sm" data-testid={id}>
        {head}
        {children}
      </Stack>
    );
  return (
    <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }} component="section" aria-labelledby={id}>
      <Stack gap={gap}>
        {head}
        {children}
      </Stack>
    </Paper>
  );
}

/** Text written with line breaks, kept as written. */
export const Prose = ({ text }: { text: string }) => (
  <Text style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>{text}</Text>
);
