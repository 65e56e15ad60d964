import { Paper, Text } from "@mantine/core";

/** A figure with its label (a group named by the label), and a note under it. */
export function StatCard({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  testId: string;
}) {
  const id = `${testId}-label`;
  return (
    <Paper withBorder radius="md" p="sm" role="group" aria-labelledby={id} data-testid={testId}>
      <Text size="sm" c="dimmed" id={id}>
        {label}
      </Text>
      <Text
        fz={{ base: 22, sm: 26 }}
        fw={700}
        lh={1.2}
        data-testid="stat-value"
        style={{ fontVariantNumeric: "tabular-nums" }}
      >
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed" mt={2}>
          {note}
        </Text>
      )}
    </Paper>
  );
}
