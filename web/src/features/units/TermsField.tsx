import { ActionIcon, Alert, Button, Fieldset, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertCircle, IconPlus, IconTrash } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { DateField } from "../../components/DateField";
import { formatDate } from "../../lib/format";
import type { UnitTerm } from "./api";

/** One row of the terms editor; `key` keeps each row's inputs when one above is removed. */
export interface TermRow {
  key: number;
  name: string;
  start: string;
  end: string;
}
export type TermErrors = Record<number, Partial<Record<"name" | "start" | "end", string>>>;

export const toRows = (terms: UnitTerm[] | null | undefined): TermRow[] =>
  (terms ?? []).map((term, i) => ({ key: i + 1, name: term.name, start: term.start, end: term.end ?? "" }));
export const fromRows = (rows: TermRow[]): UnitTerm[] | null =>
  rows.length ? rows.map((row) => ({ name: row.name.trim(), start: row.start, end: row.end || null })) : null;

/**
 * The same rules as the server: a name and a start, the end (if any) not before the start, no two
 * terms with one name, and no overlap (one may start on the day the previous one ends; only the
 * latest may be open-ended).
 */
export function termErrors(rows: TermRow[], t: TFunction): TermErrors {
  const errors: TermErrors = {};
  const add = (key: number, field: "name" | "start" | "end", message: string) => {
    errors[key] ??= {};
    errors[key][field] ??= message;
  };
  const names = new Map<string, TermRow>();
  for (const row of rows) {
    const name = row.name.trim();
    if (!name) add(row.key, "name", t("validation.required"));
    if (!row.start) add(row.key, "start", t("validation.required"));
    if (row.start && row.end && row.end < row.start)
      add(row.key, "end", t("units.termsEditor.endBeforeStart", { start: formatDate(row.start) }));
    const folded = name.toLocaleLowerCase("vi");
    if (name && names.has(folded)) add(row.key, "name", t("units.termsEditor.sameName", { name }));
    names.set(folded, row);
  }
  const ordered = rows.filter((row) => row.start).sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1];
    const next = ordered[i];
    if (!previous || !next) continue;
    if (!previous.end || previous.end > next.start)
      add(
        next.key,
        "start",
        t("units.termsEditor.overlap", { name: previous.name.trim() || formatDate(previous.start) }),
      );
  }
  return errors;
}

/** Nhiệm kỳ: a repeatable list (name such as "2025–2030", start date, optional end date). */
export function TermsField({
  rows,
  onChange,
  errors,
  serverError,
}: {
  rows: TermRow[];
  onChange: (rows: TermRow[]) => void;
  /** Shown once the form has been submitted. */
  errors: TermErrors;
  serverError?: string;
}) {
  const { t } = useTranslation();
  const update = (key: number, changes: Partial<TermRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...changes } : row)));
  const nextKey = rows.reduce((max, row) => Math.max(max, row.key), 0) + 1;
  return (
    <Fieldset legend={t("units.terms")} p="sm">
      <Stack gap="sm">
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("units.termsEditor.none")}
          </Text>
        )}
        {rows.map((row, index) => {
          const position = t("units.termsEditor.termN", { n: index + 1 });
          const label = row.name.trim() || position;
          return (
            <Group
              key={row.key}
              align="flex-start"
              gap="xs"
              wrap="wrap"
              role="group"
              aria-label={position}
              data-testid="term-row"
            >
              <TextInput
                label={t("units.termsEditor.name")}
                placeholder={t("units.termsEditor.namePlaceholder")}
                value={row.name}
                onChange={(event) => update(row.key, { name: event.currentTarget.value })}
                error={errors[row.key]?.name}
                required
                autoComplete="off"
                maxLength={40}
                style={{ flex: "1 1 140px" }}
              />
              <DateField
                label={t("units.termsEditor.start")}
                value={row.start}
                onChange={(start) => update(row.key, { start })}
                error={errors[row.key]?.start}
                required
                maw={150}
              />
              <DateField
                label={t("units.termsEditor.end")}
                description={t("units.termsEditor.endHint")}
                value={row.end}
                onChange={(end) => update(row.key, { end })}
                error={errors[row.key]?.end}
                maw={150}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size={36}
                mt={24}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                aria-label={t("units.termsEditor.remove", { name: label })}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          );
        })}
        {serverError && (
          <Alert color="red" icon={<IconAlertCircle />} role="alert">
            {serverError}
          </Alert>
        )}
        <Group>
          <Button
            variant="light"
            size="compact-sm"
            leftSection={<IconPlus size={16} />}
            onClick={() => onChange([...rows, { key: nextKey, name: "", start: "", end: "" }])}
            disabled={rows.length >= 20}
          >
            {t("units.termsEditor.add")}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
