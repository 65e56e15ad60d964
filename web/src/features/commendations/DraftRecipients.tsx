import { ActionIcon, Alert, Button, Group, Paper, Stack, Text, Textarea, TextInput } from "@mantine/core";
import {
  IconAlertCircle,
  IconArrowBackUp,
  IconDeviceFloppy,
  IconPencil,
  IconSearch,
  IconTrash,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../components/AppModal";
import { BareList } from "../../components/BareList";
import { notifySuccess } from "../../components/notify";
import { Pager } from "../../components/Pager";
import { isApiError } from "../../lib/api";
import { type DecisionDetail, LIMITS, useUpdateDecisionRecipients } from "./api";
import { KindBadge } from "./bits";

interface Row {
  id: string;
  kind: DecisionDetail["recipients"][number]["kind"];
  name: string;
  unitLabel: string;
  achievement: string;
}

const rowsOf = (d: DecisionDetail): Row[] =>
  d.recipients.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    unitLabel: r.unitLabel,
    achievement: r.achievement,
  }));
const PAGE = 50;

/**
 * The annex of a draft (a correction's, or one drafted from a proposal): names as they will be
 * printed — a misspelt name is fixed here —, units, achievements, and entries taken out; saved as
 * the whole list with the version read.
 */
export function DraftRecipients({ decision: d }: { decision: DecisionDetail }) {
  const { t } = useTranslation();
  const save = useUpdateDecisionRecipients(d.id);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(d));
  const [version, setVersion] = useState(d.version);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<Row | null>(null);
  const [filter, setFilter] = useState("");
  const [page, setPage] = useState(1);
  if (d.version !== version) {
    // Saved elsewhere (the text above, another tab): show the list as the server now holds it,
    // unless it is being edited here.
    setVersion(d.version);
    if (!dirty) setRows(rowsOf(d));
  }
  const edit = (next: Row[]) => {
    setRows(next);
    setDirty(true);
  };
  const original = new Map(d.recipients.map((r) => [r.id, r]));
  const changed =
    rows.length !== d.recipients.length ||
    rows.some((r) => {
      const o = original.get(r.id);
      return !o || o.name !== r.name || o.unitLabel !== r.unitLabel || o.achievement !== r.achievement;
    });
  const needle = filter.trim().toLowerCase();
  const shown = rows
    .map((row, index) => ({ row, index }))
    .filter(
      ({ row }) =>
        !needle || row.name.toLowerCase().includes(needle) || row.unitLabel.toLowerCase().includes(needle),
    );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages);

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("commendations.draftRecipients.hint")}
      </Text>
      {save.isError && (
        <Alert
          color={isApiError(save.error, "VERSION_CONFLICT") ? "orange" : "red"}
          icon={<IconAlertCircle />}
          role="alert"
        >
          {isApiError(save.error, "VERSION_CONFLICT")
            ? t("commendations.decision.conflict")
            : save.error.message}
        </Alert>
      )}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t("commendations.editor.filter")}
          leftSection={<IconSearch size={16} />}
          value={filter}
          onChange={(event) => {
            setFilter(event.currentTarget.value);
            setPage(1);
          }}
          w={{ base: "100%", xs: 260 }}
        />
        {changed && (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconArrowBackUp size={18} />}
              onClick={() => {
                setRows(rowsOf(d));
                setDirty(false);
              }}
              disabled={save.isPending}
            >
              {t("commendations.draftRecipients.undo")}
            </Button>
            <Button
              leftSection={<IconDeviceFloppy size={18} />}
              loading={save.isPending}
              disabled={rows.length === 0}
              onClick={() =>
                save.mutate(
                  {
                    version: d.version,
                    recipients: rows.map((r) => ({
                      id: r.id,
                      name: r.name.trim(),
                      unitLabel: r.unitLabel.trim(),
                      achievement: r.achievement.trim(),
                    })),
                  },
                  {
                    onSuccess: (saved) => {
                      setRows(rowsOf(saved));
                      setDirty(false);
                      notifySuccess(t("commendations.draftRecipients.saved"));
                    },
                  },
                )
              }
            >
              {t("commendations.draftRecipients.save", { count: rows.length })}
            </Button>
          </Group>
        )}
      </Group>
      <BareList ordered gap="xs" aria-label={t("commendations.decision.recipients")}>
        {shown.slice((current - 1) * PAGE, current * PAGE).map(({ row, index }) => (
          <Paper component="li" key={row.id} withBorder radius="md" p="xs">
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap={6}>
                  <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                    {index + 1}. {row.name}
                  </Text>
                  <KindBadge kind={row.kind} />
                </Group>
                {row.unitLabel && (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {row.unitLabel}
                  </Text>
                )}
                {row.achievement && (
                  <Text size="sm" lineClamp={3} style={{ overflowWrap: "anywhere" }}>
                    {row.achievement}
                  </Text>
                )}
              </Stack>
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  size="lg"
                  onClick={() => setEditing(row)}
                  aria-label={t("commendations.draftRecipients.edit", { name: row.name })}
                >
                  <IconPencil size={18} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  disabled={rows.length === 1}
                  onClick={() => edit(rows.filter((r) => r.id !== row.id))}
                  aria-label={t("commendations.draftRecipients.remove", { name: row.name })}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
            </Group>
          </Paper>
        ))}
      </BareList>
      {shown.length > PAGE && (
        <Pager page={current} pageSize={PAGE} total={shown.length} onChange={setPage} />
      )}
      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t("commendations.draftRecipients.editTitle")}
      >
        {editing && (
          <RowForm
            row={editing}
            onCancel={() => setEditing(null)}
            onDone={(next) => {
              edit(rows.map((r) => (r.id === next.id ? next : r)));
              setEditing(null);
            }}
          />
        )}
      </AppModal>
    </Stack>
  );
}

function RowForm({ row, onCancel, onDone }: { row: Row; onCancel: () => void; onDone: (row: Row) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(row);
  const nameError = values.name.trim() ? undefined : t("validation.required");
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!nameError) onDone(values);
      }}
    >
      <Stack>
        <TextInput
          label={t("commendations.draftRecipients.name")}
          required
          value={values.name}
          maxLength={300}
          error={nameError}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setValues((v) => ({ ...v, name: value }));
          }}
          data-autofocus
        />
        <TextInput
          label={t("commendations.pickers.citizenUnit")}
          value={values.unitLabel}
          maxLength={300}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setValues((v) => ({ ...v, unitLabel: value }));
          }}
        />
        <Textarea
          label={t("commendations.columns.achievement")}
          value={values.achievement}
          maxLength={LIMITS.achievement}
          autosize
          minRows={3}
          maxRows={8}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setValues((v) => ({ ...v, achievement: value }));
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit">{t("commendations.details.apply")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
