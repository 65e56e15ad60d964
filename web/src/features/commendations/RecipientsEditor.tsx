import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import {
  IconAlertTriangle,
  IconClipboardList,
  IconPencil,
  IconSearch,
  IconSitemap,
  IconTrash,
  IconUserPlus,
  IconUsersPlus,
} from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { BareList } from "../../components/BareList";
import { Pager } from "../../components/Pager";
import { formatNumber } from "../../lib/format";
import { LIMITS, type RecipientKind } from "./api";
import { KindBadge } from "./bits";
import { RecipientDetailsModal } from "./RecipientDetailsModal";
import { AddCollectivesModal, AddPeopleModal, CitizenModal, PasteNamesModal } from "./RecipientPickers";
import { identityOf, type RecipientRow } from "./rows";

const EDITOR_PAGE = 50;
type Dialog = "collectives" | "people" | "paste" | "citizen" | null;

/**
 * The recipients of a proposal: added many at a time — every sub-unit of a unit, the members of a
 * unit picked page by page or all at once, a pasted list of names — or one citizen; each with its
 * achievement and the records behind it. Rows the server refused are marked with its reason.
 */
export function RecipientsEditor({
  rows,
  onChange,
  proposer,
  allowedKinds,
  period,
  rowErrors,
}: {
  rows: RecipientRow[];
  onChange: (rows: RecipientRow[]) => void;
  proposer: { id: string; name: string };
  allowedKinds: readonly RecipientKind[];
  period: { start: number; end: number };
  rowErrors: Map<number, string>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "vi";
  const narrow = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const [kindFilter, setKindFilter] = useState<"all" | RecipientKind>("all");
  const [page, setPage] = useState(1);
  const [common, setCommon] = useState("");
  const [notice, setNotice] = useState<string | null>(null);

  const present = useMemo(() => new Set(rows.map(identityOf)), [rows]);
  const collectives = rows.filter((r) => r.kind === "collective").length;
  const individuals = rows.length - collectives;
  const indexed = rows.map((row, index) => ({ row, index }));
  const needle = filter.trim().toLowerCase();
  const shown = indexed.filter(
    ({ row }) =>
      (kindFilter === "all" || row.kind === kindFilter) &&
      (!needle || row.name.toLowerCase().includes(needle) || row.unitLabel.toLowerCase().includes(needle)),
  );
  const pages = Math.max(1, Math.ceil(shown.length / EDITOR_PAGE));
  const current = Math.min(page, pages);
  const pageRows = shown.slice((current - 1) * EDITOR_PAGE, current * EDITOR_PAGE);
  const withoutAchievement = rows.filter((r) => !r.achievement.trim()).length;
  const editingRow = rows.find((r) => r.key === editing) ?? null;

  /** Adds new rows, leaving out those already listed, and says how many came in. */
  const add = (incoming: RecipientRow[]) => {
    const seen = new Set(present);
    const fresh = incoming.filter((row) => {
      const id = identityOf(row);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    const skipped = incoming.length - fresh.length;
    onChange([...rows, ...fresh].slice(0, LIMITS.recipients));
    setNotice(
      [
        t("commendations.editor.added", { count: fresh.length }),
        skipped ? t("commendations.editor.skipped", { count: skipped }) : "",
      ]
        .filter(Boolean)
        .join(" "),
    );
    setDialog(null);
  };
  const remove = (key: string) => onChange(rows.filter((r) => r.key !== key));
  const update = (key: string, patch: Partial<RecipientRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap">
        {allowedKinds.includes("collective") && (
          <Button
            variant="light"
            leftSection={<IconSitemap size={18} />}
            onClick={() => setDialog("collectives")}
          >
            {t("commendations.editor.addCollectives")}
          </Button>
        )}
        {allowedKinds.includes("individual") && (
          <Button
            variant="light"
            leftSection={<IconUsersPlus size={18} />}
            onClick={() => setDialog("people")}
          >
            {t("commendations.editor.addPeople")}
          </Button>
        )}
        <Button
          variant="light"
          leftSection={<IconClipboardList size={18} />}
          onClick={() => setDialog("paste")}
        >
          {t("commendations.editor.paste")}
        </Button>
        {allowedKinds.includes("individual") && (
          <Button
            variant="subtle"
            leftSection={<IconUserPlus size={18} />}
            onClick={() => setDialog("citizen")}
          >
            {t("commendations.editor.addCitizen")}
          </Button>
        )}
      </Group>
      <Text size="sm" fw={600} role="status" aria-live="polite" data-testid="recipient-counts">
        {t("commendations.counts", {
          collectives: formatNumber(collectives, lang),
          individuals: formatNumber(individuals, lang),
        })}
        {notice ? ` · ${notice}` : ""}
      </Text>
      {rowErrors.size > 0 && (
        <Alert color="red" icon={<IconAlertTriangle />} role="alert">
          {t("commendations.editor.rowErrors", { count: rowErrors.size })}
        </Alert>
      )}

      {rows.length > 0 && (
        <Paper withBorder radius="md" p="sm">
          <Stack gap="xs">
            <Textarea
              label={t("commendations.editor.commonAchievement")}
              description={t("commendations.editor.commonAchievementHint", { count: withoutAchievement })}
              value={common}
              onChange={(event) => setCommon(event.currentTarget.value)}
              autosize
              minRows={2}
              maxRows={6}
              maxLength={LIMITS.achievement}
            />
            <Group>
              <Button
                size="xs"
                variant="default"
                disabled={!common.trim() || withoutAchievement === 0}
                onClick={() =>
                  onChange(rows.map((r) => (r.achievement.trim() ? r : { ...r, achievement: common.trim() })))
                }
              >
                {t("commendations.editor.applyCommon", { count: withoutAchievement })}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {rows.length > 0 && (
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
          <SegmentedControl
            aria-label={t("commendations.editor.kindFilter")}
            value={kindFilter}
            onChange={(value) => {
              setKindFilter(value as typeof kindFilter);
              setPage(1);
            }}
            data={[
              { value: "all", label: t("commendations.editor.all") },
              { value: "collective", label: t("commendations.kinds.collective") },
              { value: "individual", label: t("commendations.kinds.individual") },
            ]}
          />
        </Group>
      )}

      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("commendations.editor.empty")}
        </Text>
      ) : narrow ? (
        <BareList ordered gap="xs" aria-label={t("commendations.editor.listLabel")}>
          {pageRows.map(({ row, index }) => (
            <Paper component="li" key={row.key} withBorder radius="md" p="xs">
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <RowText row={row} index={index} error={rowErrors.get(index)} />
                <RowTools row={row} onEdit={() => setEditing(row.key)} onRemove={() => remove(row.key)} />
              </Group>
            </Paper>
          ))}
        </BareList>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="xs" aria-label={t("commendations.editor.listLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={48}>
                  {t("commendations.columns.position")}
                </Table.Th>
                <Table.Th scope="col">{t("commendations.columns.recipient")}</Table.Th>
                <Table.Th scope="col">{t("commendations.columns.achievement")}</Table.Th>
                <Table.Th scope="col" w={96}>
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pageRows.map(({ row, index }) => (
                <Table.Tr key={row.key}>
                  <Table.Td>{index + 1}</Table.Td>
                  <Table.Td>
                    <RowText row={row} error={rowErrors.get(index)} />
                  </Table.Td>
                  <Table.Td>
                    <Text
                      size="sm"
                      lineClamp={2}
                      c={row.achievement ? undefined : "dimmed"}
                      style={{ overflowWrap: "anywhere" }}
                    >
                      {row.achievement || t("commendations.editor.noAchievement")}
                    </Text>
                    {row.links.length > 0 && (
                      <Text size="xs" c="dimmed">
                        {t("commendations.editor.linkCount", { count: row.links.length })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <RowTools row={row} onEdit={() => setEditing(row.key)} onRemove={() => remove(row.key)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {shown.length > EDITOR_PAGE && (
        <Pager page={current} pageSize={EDITOR_PAGE} total={shown.length} onChange={setPage} />
      )}

      <AddCollectivesModal
        opened={dialog === "collectives"}
        onClose={() => setDialog(null)}
        proposer={proposer}
        present={present}
        onAdd={add}
      />
      <AddPeopleModal
        opened={dialog === "people"}
        onClose={() => setDialog(null)}
        proposer={proposer}
        present={present}
        onAdd={add}
      />
      <PasteNamesModal
        opened={dialog === "paste"}
        onClose={() => setDialog(null)}
        proposer={proposer}
        allowedKinds={allowedKinds}
        present={present}
        onAdd={add}
      />
      <CitizenModal
        opened={dialog === "citizen"}
        onClose={() => setDialog(null)}
        onAdd={(row) => add([row])}
      />
      <RecipientDetailsModal
        row={editingRow}
        period={period}
        onClose={() => setEditing(null)}
        onSave={(patch) => {
          if (editingRow) update(editingRow.key, patch);
          setEditing(null);
        }}
      />
    </Stack>
  );
}

function RowText({ row, index, error }: { row: RecipientRow; index?: number; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Group gap={6} wrap="wrap">
        {index !== undefined && (
          <Text size="sm" c="dimmed">
            {index + 1}.
          </Text>
        )}
        <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
          {row.name}
        </Text>
        <KindBadge kind={row.kind} />
        {row.kind === "individual" && !row.personId && (
          <Badge size="sm" variant="light" color="gray">
            {t("commendations.editor.citizen")}
          </Badge>
        )}
      </Group>
      {row.unitLabel && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {row.unitLabel}
        </Text>
      )}
      {error && (
        <Text size="xs" c="red" role="note">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function RowTools({
  row,
  onEdit,
  onRemove,
}: {
  row: RecipientRow;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        size="lg"
        onClick={onEdit}
        aria-label={t("commendations.editor.editRow", { name: row.name })}
      >
        <IconPencil size={18} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="red"
        size="lg"
        onClick={onRemove}
        aria-label={t("commendations.editor.removeRow", { name: row.name })}
      >
        <IconTrash size={18} />
      </ActionIcon>
    </Group>
  );
}
