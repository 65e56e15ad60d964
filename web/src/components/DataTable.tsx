import { Card, Group, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { BareList } from "./BareList";

/** A cell with nothing to show is left out of the card (a card has room only for what matters). */
function isEmpty(content: ReactNode): boolean {
  return content === null || content === undefined || content === false || content === "";
}

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** Keep the cell on one line in the table (dates, codes). */
  nowrap?: boolean;
  /** Left out of the card view on phones (already in the card title). */
  hideInCard?: boolean;
  /** Only in the card view (the table shows it inside another cell). */
  hideInTable?: boolean;
}

/**
 * A list that is a table on wide screens and a stack of cards on phones, where a wide table would
 * need sideways scrolling to read one row.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  cardTitle,
  actions,
  label,
  minWidth = 720,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  cardTitle: (row: T) => ReactNode;
  actions?: (row: T) => ReactNode;
  label: string;
  minWidth?: number;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });

  if (narrow) {
    return (
      <BareList gap="sm" aria-label={label}>
        {rows.map((row) => (
          <Card component="li" key={rowKey(row)} withBorder padding="sm" radius="md">
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs" mb="xs">
              <Text fw={600} style={{ minWidth: 0, overflowWrap: "anywhere" }}>
                {cardTitle(row)}
              </Text>
              {actions?.(row)}
            </Group>
            <Stack gap={6} component="dl" m={0}>
              {columns
                .filter((column) => !column.hideInCard)
                .map((column) => ({ column, content: column.render(row) }))
                .filter(({ content }) => !isEmpty(content))
                .map(({ column, content }) => (
                  <Group key={column.key} gap="xs" wrap="nowrap" align="flex-start">
                    <Text component="dt" size="sm" c="dimmed" w="38%" style={{ flexShrink: 0 }}>
                      {column.header}
                    </Text>
                    <Text component="dd" size="sm" m={0} style={{ minWidth: 0, overflowWrap: "anywhere" }}>
                      {content}
                    </Text>
                  </Group>
                ))}
            </Stack>
          </Card>
        ))}
      </BareList>
    );
  }

  const tableColumns = columns.filter((column) => !column.hideInTable);
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {tableColumns.map((column) => (
              <Table.Th key={column.key} scope="col">
                {column.header}
              </Table.Th>
            ))}
            {actions && (
              <Table.Th scope="col">
                <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {tableColumns.map((column) => (
                <Table.Td key={column.key} style={column.nowrap ? { whiteSpace: "nowrap" } : undefined}>
                  {column.render(row)}
                </Table.Td>
              ))}
              {actions && <Table.Td style={{ textAlign: "right" }}>{actions(row)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
