import { Table, Text, VisuallyHidden } from "@mantine/core";
import type { ReactNode } from "react";

export interface FigureColumn {
  label: string;
  /** Counts are right-aligned. */
  numeric?: boolean;
  w?: string;
  /** Spoken only (a column of bars). */
  hidden?: boolean;
}

/** A small table of figures with its caption above it (the caption names the table for screen readers). */
export function FigureTable({
  id,
  caption,
  columns,
  testId,
  children,
}: {
  /** The caption's id, the table's name; without it the caption names the table by itself. */
  id?: string;
  caption: string;
  columns: FigureColumn[];
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Table verticalSpacing={4} aria-labelledby={id} data-testid={testId}>
      <Table.Caption style={{ captionSide: "top", textAlign: "left" }}>
        <Text fw={600} size="sm" id={id} c="var(--mantine-color-text)">
          {caption}
        </Text>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column.label} scope="col" ta={column.numeric ? "right" : undefined} w={column.w}>
              {column.hidden ? <VisuallyHidden>{column.label}</VisuallyHidden> : column.label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}
