import { SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";

export interface DetailItem {
  key: string;
  label: string;
  value: ReactNode;
}

/**
 * Label–value pairs of one object (a unit, a person) as a description list: in columns on wide
 * screens, one under the other on phones. Items without a value show a dash.
 */
export function DetailList({
  items,
  cols = { base: 2, md: 3 },
}: {
  items: readonly DetailItem[];
  cols?: number | Partial<Record<"base" | "xs" | "sm" | "md" | "lg", number>>;
}) {
  return (
    <SimpleGrid component="dl" cols={cols} spacing="md" verticalSpacing="sm" m={0}>
      {items.map((item) => (
        <div key={item.key} style={{ minWidth: 0 }}>
          <Text component="dt" size="sm" c="dimmed">
            {item.label}
          </Text>
          <Text component="dd" m={0} style={{ overflowWrap: "anywhere" }}>
            {item.value === null || item.value === undefined || item.value === "" ? (
              <Text span c="dimmed" aria-label="—">
                —
              </Text>
            ) : (
              item.value
            )}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
