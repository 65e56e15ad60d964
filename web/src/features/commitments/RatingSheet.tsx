import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconAlertTriangle, IconDeviceFloppy, IconEdit, IconRosetteDiscountCheck } from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { BareList } from "../../components/BareList";
import { ConfirmModal } from "../../components/ConfirmModal";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { type ApiError, isApiError } from "../../lib/api";
import {
  GRADES,
  type Grade,
  type RatingInput,
  type RatingSheet,
  type RowProblem,
  type SheetRow,
  suggestedGrade,
  useConfirmRatings,
  useRatingSheet,
  useSaveRatings,
} from "./api";
import { CommitmentStatusBadge, GradeBadge, GradeSelect } from "./bits";
import { CorrectionModal } from "./CorrectionModal";

type Mode = "propose" | "confirm" | "correct" | "view";
type Field = "grade" | "points" | "reason";
interface Draft {
  grade: Grade | "";
  points: string;
  reason: string;
}
type RowErrors = Partial<Record<Field, string>>;

const fieldId = (personId: string, field: Field) => `rate-${personId}-${field}`;
const pointsOf = (text: string): number | null => (text.trim() === "" ? null : Number(text));
const FIELD_ORDER: Field[] = ["grade", "points", "reason"];

function modeOf(sheet: RatingSheet): Mode {
  const allowed = new Set(sheet.allowedActions);
  if (sheet.locked) return allowed.has("correct") ? "correct" : "view";
  if (sheet.status === "proposed" && allowed.has("confirm")) return "confirm";
  if (sheet.status !== "confirmed" && allowed.has("propose")) return "propose";
  return "view";
}

/**
 * Phiếu xếp loại: the whole cell on one screen. The cell (secretary) proposes every member's grade
 * — a select, the points with the grade they suggest, the reason (required for "Không hoàn thành
 * nhiệm vụ") — and saves all rows at once with the sheet's version: a refused row (422) is marked
 * in place with the server's message and gets the focus; a save by someone else in between (409)
 * offers to reload. The committee above then confirms, changing some grades with a reason; once
 * the year is closed, an officer corrects a grade with a reason. On phones each member is a card.
 */
export function RatingSheetPanel({ unitId, year }: { unitId: string; year: number }) {
  const { t } = useTranslation();
  const sheet = useRatingSheet(unitId, year);
  const [generation, setGeneration] = useState(0);
  if (sheet.isPending) return <ListSkeleton rows={5} />;
  if (sheet.isError) return <ErrorAlert error={sheet.error} onRetry={() => sheet.refetch()} />;
  if (sheet.data.rows.length === 0) return <EmptyList message={t("commitments.sheet.noMembers")} />;
  return (
    <SheetEditor
      key={`${sheet.data.unitId}-${sheet.data.year}-${generation}`}
      sheet={sheet.data}
      onReload={async () => {
        await sheet.refetch();
        setGeneration((g) => g + 1);
      }}
    />
  );
}

function SheetEditor({ sheet, onReload }: { sheet: RatingSheet; onReload: () => Promise<void> }) {
  const { t } = useTranslation();
  const phone = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const mode = modeOf(sheet);
  const save = useSaveRatings();
  const confirm = useConfirmRatings();
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(
      sheet.rows.map((row) => {
        const source = mode === "confirm" ? (row.final ?? row.proposed) : row.proposed;
        return [
          row.personId,
          {
            grade: source?.grade ?? "",
            points: source?.points === null || source?.points === undefined ? "" : String(source.points),
            reason: mode === "confirm" ? "" : (source?.reason ?? ""),
          },
        ];
      }),
    ),
  );
  const [errors, setErrors] = useState<Record<string, RowErrors>>({});
  const [announce, setAnnounce] = useState("");
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [focusFirst, setFocusFirst] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [bulkGrade, setBulkGrade] = useState<Grade>("good");
  const [correcting, setCorrecting] = useState<SheetRow | null>(null);

  const set = (personId: string, patch: Partial<Draft>) => {
    setDrafts((current) => ({ ...current, [personId]: { ...(current[personId] as Draft), ...patch } }));
    // A field the user changes loses its old message; the rest of the row keeps its own.
    setErrors((current) => {
      const row = current[personId];
      if (!row) return current;
      const next = { ...row };
      for (const key of Object.keys(patch) as Field[]) delete next[key];
      return { ...current, [personId]: next };
    });
  };

  const graded = sheet.rows.filter((row) => drafts[row.personId]?.grade).length;
  const changes = useMemo(
    () =>
      sheet.rows.filter((row) => {
        const draft = drafts[row.personId];
        if (!draft || !row.proposed || !draft.grade) return false;
        return draft.grade !== row.proposed.grade || pointsOf(draft.points) !== row.proposed.points;
      }),
    [drafts, sheet.rows],
  );

  // After a refused save, the focus goes to the first field the server named (in the sheet's order).
  useEffect(() => {
    if (focusFirst === 0) return;
    for (const row of sheet.rows) {
      const rowErrors = errors[row.personId];
      const field = FIELD_ORDER.find((f) => rowErrors?.[f]);
      if (field) {
        const element = document.getElementById(fieldId(row.personId, field));
        element?.focus();
        element?.scrollIntoView({ block: "center" });
        return;
      }
    }
  }, [focusFirst, errors, sheet.rows]);

  /** A refused sheet: marks the rows the server named, or shows what else went wrong. */
  const refused = (error: unknown) => {
    if (isApiError(error, "RULE_VIOLATION")) {
      const problems = ((error.details as { rows?: RowProblem[] } | null)?.rows ?? []) as RowProblem[];
      const marked: Record<string, RowErrors> = {};
      for (const problem of problems) {
        const field: Field =
          problem.field === "points" || problem.field === "reason" ? problem.field : "grade";
        const row = marked[problem.personId] ?? {};
        marked[problem.personId] = row;
        row[field] = row[field] ? `${row[field]} ${problem.message}` : problem.message;
      }
      setErrors(marked);
      const count = Object.keys(marked).length;
      setAnnounce(t("commitments.sheet.refused", { count }));
      setFocusFirst((n) => n + 1);
      return;
    }
    if (isApiError(error, "VERSION_CONFLICT") || isApiError(error, "STATE_CONFLICT")) {
      setConflict(error);
      setAnnounce(error.message);
      return;
    }
    setFailure(error);
    setAnnounce(error instanceof Error ? error.message : t("errors.unknown"));
  };

  const reset = () => {
    setErrors({});
    setConflict(null);
    setFailure(null);
    setAnnounce("");
  };

  const proposeAll = () => {
    reset();
    const ratings: RatingInput[] = sheet.rows
      .filter((row) => drafts[row.personId]?.grade)
      .map((row) => {
        const draft = drafts[row.personId] as Draft;
        return {
          personId: row.personId,
          grade: draft.grade as Grade,
          points: pointsOf(draft.points),
          reason: draft.reason.trim() || null,
        };
      });
    if (ratings.length === 0) {
      setAnnounce(t("commitments.sheet.nothingChosen"));
      return;
    }
    save.mutate(
      { unitId: sheet.unitId, year: sheet.year, version: sheet.version, ratings },
      {
        onSuccess: (saved) =>
          setAnnounce(
            saved.status === "proposed"
              ? t("commitments.sheet.savedComplete", { count: ratings.length })
              : t("commitments.sheet.savedPartial", { count: ratings.length, total: sheet.rows.length }),
          ),
        onError: refused,
      },
    );
  };

  const confirmAll = () => {
    reset();
    const input: RatingInput[] = changes.map((row) => {
      const draft = drafts[row.personId] as Draft;
      return {
        personId: row.personId,
        grade: draft.grade as Grade,
        points: pointsOf(draft.points),
        reason: draft.reason.trim() || null,
      };
    });
    confirm.mutate(
      { unitId: sheet.unitId, year: sheet.year, version: sheet.version, changes: input },
      {
        onSuccess: () => {
          setConfirming(false);
          setAnnounce(t("commitments.sheet.confirmed", { count: sheet.rows.length }));
        },
        onError: (error) => {
          setConfirming(false);
          refused(error);
        },
      },
    );
  };

  /** Fills the grade for the rows not graded yet; `withoutCommitment`: also those who wrote none. */
  const fill = (withoutCommitment: boolean) => {
    setDrafts((current) => {
      const next = { ...current };
      for (const row of sheet.rows) {
        const draft = next[row.personId];
        if (draft && !draft.grade && (withoutCommitment || row.commitment))
          next[row.personId] = { ...draft, grade: bulkGrade };
      }
      return next;
    });
  };
  // Members who wrote no commitment are left out of a quick fill unless the secretary says so.
  const [unwritten, setUnwritten] = useState<SheetRow[]>([]);
  const fillRest = () => {
    const missing = sheet.rows.filter((row) => !drafts[row.personId]?.grade && !row.commitment);
    fill(false);
    const grade = t(`commitments.grades.${bulkGrade}`);
    setAnnounce(
      missing.length
        ? t("commitments.sheet.filledSkipping", { grade, count: missing.length })
        : t("commitments.sheet.filled", { grade }),
    );
    setUnwritten(missing);
  };

  const errorCount = Object.values(errors).filter((row) => Object.keys(row).length > 0).length;
  const editable = mode === "propose" || mode === "confirm";

  return (
    <Stack gap="md" data-testid="rating-sheet" data-mode={mode}>
      <Stack gap={4}>
        <Group gap="sm" wrap="wrap">
          <Title order={2} fz="h4">
            {t("commitments.sheet.title", { unit: sheet.unitName, year: sheet.year })}
          </Title>
          <Badge
            variant="light"
            color={sheet.status === "confirmed" ? "teal" : sheet.status === "proposed" ? "blue" : "gray"}
            data-testid="sheet-status"
          >
            {t(`commitments.sheet.status.${sheet.status}`)}
          </Badge>
          {sheet.locked && <Badge color="dark">{t("commitments.sheet.locked")}</Badge>}
        </Group>
        <Text size="sm" c="dimmed">
          {t(`commitments.sheet.explain.${mode}`)}{" "}
          {t("commitments.sheet.weight", { weight: sheet.campaignWeight })}
        </Text>
        {mode === "propose" && (
          <Text size="sm" fw={600}>
            {t("commitments.sheet.progress", { graded, total: sheet.rows.length })}
          </Text>
        )}
      </Stack>

      {mode === "propose" && graded < sheet.rows.length && (
        <Paper withBorder radius="md" p="sm">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t("commitments.sheet.bulkLabel")}
              value={bulkGrade}
              onChange={(event) => setBulkGrade(event.currentTarget.value as Grade)}
              data={GRADES.filter((g) => g !== "incomplete").map((g) => ({
                value: g,
                label: t(`commitments.grades.${g}`),
              }))}
            />
            <Button variant="light" onClick={fillRest}>
              {t("commitments.sheet.bulkApply")}
            </Button>
          </Group>
        </Paper>
      )}

      {phone ? (
        <BareList gap="sm">
          {sheet.rows.map((row) => (
            <RowCard
              key={row.personId}
              row={row}
              mode={mode}
              draft={drafts[row.personId] as Draft}
              errors={errors[row.personId]}
              onChange={(patch) => set(row.personId, patch)}
              onCorrect={() => setCorrecting(row)}
            />
          ))}
        </BareList>
      ) : (
        <Box style={{ overflowX: "auto" }}>
          <Table verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("commitments.sheet.member")}</Table.Th>
                <Table.Th scope="col">{t("commitments.sheet.commitment")}</Table.Th>
                {mode === "confirm" && <Table.Th scope="col">{t("commitments.sheet.proposed")}</Table.Th>}
                <Table.Th scope="col">
                  {mode === "confirm" ? t("commitments.sheet.finalGrade") : t("commitments.sheet.grade")}
                </Table.Th>
                <Table.Th scope="col">{t("commitments.sheet.points")}</Table.Th>
                <Table.Th scope="col">{t("commitments.sheet.reason")}</Table.Th>
                {mode === "correct" && <Table.Th scope="col">{t("common.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sheet.rows.map((row) => (
                <TableRow
                  key={row.personId}
                  row={row}
                  mode={mode}
                  draft={drafts[row.personId] as Draft}
                  errors={errors[row.personId]}
                  onChange={(patch) => set(row.personId, patch)}
                  onCorrect={() => setCorrecting(row)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}

      {errorCount > 0 && (
        <Alert
          color="red"
          icon={<IconAlertTriangle />}
          title={t("commitments.sheet.refusedTitle")}
          data-testid="sheet-errors"
        >
          {t("commitments.sheet.refused", { count: errorCount })}
        </Alert>
      )}
      {conflict && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle />}
          title={t("commitments.sheet.conflictTitle")}
          data-testid="sheet-conflict"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {conflict.code === "VERSION_CONFLICT" ? t("commitments.sheet.conflict") : conflict.message}
            </Text>
            <Button variant="white" color="orange" onClick={() => void onReload()}>
              {t("commitments.sheet.reload")}
            </Button>
          </Stack>
        </Alert>
      )}
      {failure ? <ErrorAlert error={failure} /> : null}

      <Text role="status" aria-live="polite" size="sm" fw={600} data-testid="sheet-announce">
        {announce}
      </Text>

      {mode === "propose" && (
        <Group>
          <Button
            size="lg"
            leftSection={<IconDeviceFloppy size={20} aria-hidden />}
            onClick={proposeAll}
            loading={save.isPending}
            disabled={!!conflict}
          >
            {t("commitments.sheet.save")}
          </Button>
        </Group>
      )}
      {mode === "confirm" && (
        <Group>
          <Text size="sm">{t("commitments.sheet.changeCount", { count: changes.length })}</Text>
          <Button
            size="lg"
            leftSection={<IconRosetteDiscountCheck size={20} aria-hidden />}
            onClick={() => setConfirming(true)}
            disabled={!!conflict}
          >
            {t("commitments.sheet.confirm")}
          </Button>
        </Group>
      )}
      {!editable && mode !== "correct" && sheet.status !== "confirmed" && (
        <Text size="sm" c="dimmed">
          {t("commitments.sheet.readOnly")}
        </Text>
      )}

      <ConfirmModal
        opened={unwritten.length > 0}
        onClose={() => setUnwritten([])}
        onConfirm={() => {
          fill(true);
          setAnnounce(t("commitments.sheet.filled", { grade: t(`commitments.grades.${bulkGrade}`) }));
          setUnwritten([]);
        }}
        title={t("commitments.sheet.unwrittenTitle")}
        message={t("commitments.sheet.unwrittenMessage", {
          count: unwritten.length,
          names: unwritten.map((row) => row.fullName).join(", "),
          grade: t(`commitments.grades.${bulkGrade}`),
        })}
        confirmLabel={t("commitments.sheet.unwrittenConfirm")}
        dismissLabel={t("commitments.sheet.unwrittenSkip")}
        color="orange"
      />
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={confirmAll}
        title={t("commitments.sheet.confirmTitle", { unit: sheet.unitName, year: sheet.year })}
        message={t("commitments.sheet.confirmMessage", { count: sheet.rows.length, changes: changes.length })}
        confirmLabel={t("commitments.sheet.confirm")}
        color="teal"
        loading={confirm.isPending}
      />
      {correcting?.ratingId && (
        <CorrectionModal
          opened
          onClose={() => setCorrecting(null)}
          row={correcting}
          ratingId={correcting.ratingId}
          onDone={(message) => {
            setCorrecting(null);
            setAnnounce(message);
          }}
        />
      )}
    </Stack>
  );
}

interface RowProps {
  row: SheetRow;
  mode: Mode;
  draft: Draft;
  errors: RowErrors | undefined;
  onChange: (patch: Partial<Draft>) => void;
  onCorrect: () => void;
}

/** The member's commitment in a few words: its state and score. */
function CommitmentCell({ row }: { row: SheetRow }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      <CommitmentStatusBadge status={row.commitment?.status ?? null} size="sm" />
      {row.commitment?.score != null && (
        <Text size="sm">{t("commitments.view.score", { score: row.commitment.score })}</Text>
      )}
    </Group>
  );
}

/** What the cell proposed (shown to the committee above, and once confirmed). */
function Given({ value }: { value: SheetRow["proposed"] }) {
  const { t } = useTranslation();
  if (!value) return <Text c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      <GradeBadge grade={value.grade} size="sm" />
      {value.points !== null && (
        <Text size="sm">{t("commitments.sheet.pointsValue", { points: value.points })}</Text>
      )}
      {value.reason && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
          {value.reason}
        </Text>
      )}
    </Stack>
  );
}

/** The grade, points (with the grade they suggest) and reason of one member, as editable fields. */
function useRowFields({ row, mode, draft, errors, onChange }: RowProps, layout: "card" | "table") {
  const { t } = useTranslation();
  const card = layout === "card";
  const points = pointsOf(draft.points);
  const suggestion = Number.isFinite(points) ? suggestedGrade(points) : null;
  const changed =
    mode === "confirm" &&
    !!row.proposed &&
    (draft.grade !== row.proposed.grade || points !== row.proposed.points);
  // The cell gives a reason for "incomplete"; the committee above, for each grade it changes.
  const reasonRequired = mode === "confirm" ? changed : draft.grade === "incomplete";
  const name = row.fullName;
  const gradeLabel = mode === "confirm" ? t("commitments.sheet.finalGrade") : t("commitments.sheet.grade");
  const grade = (
    <GradeSelect
      id={fieldId(row.personId, "grade")}
      label={card ? gradeLabel : t("commitments.sheet.gradeOf", { name })}
      hiddenLabel={!card}
      value={draft.grade}
      onChange={(value) => onChange({ grade: value })}
      error={errors?.grade}
      size={card ? "md" : "sm"}
      allowEmpty={mode === "propose"}
    />
  );
  const pointsField = (
    <Stack gap={2}>
      <TextInput
        id={fieldId(row.personId, "points")}
        label={card ? t("commitments.sheet.points") : undefined}
        aria-label={card ? undefined : t("commitments.sheet.pointsOf", { name })}
        value={draft.points}
        onChange={(event) => onChange({ points: event.currentTarget.value.replace(/[^\d]/g, "") })}
        inputMode="numeric"
        maxLength={3}
        w={card ? 120 : 80}
        size={card ? "md" : "sm"}
        error={errors?.points}
      />
      {suggestion && (
        <Group gap={4} wrap="wrap">
          <Text size="xs" c="dimmed">
            {t("commitments.sheet.suggested", { grade: t(`commitments.grades.${suggestion}`) })}
          </Text>
          {suggestion !== draft.grade && (
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() => onChange({ grade: suggestion })}
              aria-label={t("commitments.sheet.useSuggestionFor", {
                name,
                grade: t(`commitments.grades.${suggestion}`),
              })}
            >
              {t("commitments.sheet.useSuggestion")}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
  const reason = (
    <Textarea
      id={fieldId(row.personId, "reason")}
      label={
        card
          ? mode === "confirm"
            ? t("commitments.sheet.changeReason")
            : t("commitments.sheet.reason")
          : undefined
      }
      aria-label={card ? undefined : t("commitments.sheet.reasonOf", { name })}
      value={draft.reason}
      onChange={(event) => onChange({ reason: event.currentTarget.value })}
      required={reasonRequired}
      description={reasonRequired && card ? t("commitments.sheet.reasonRequired") : undefined}
      placeholder={!card && reasonRequired ? t("commitments.sheet.reasonRequired") : undefined}
      autosize
      minRows={1}
      maxRows={4}
      maxLength={2000}
      size={card ? "md" : "sm"}
      error={errors?.reason}
      miw={card ? undefined : 180}
    />
  );
  return { grade, points: pointsField, reason };
}

function RowCard(props: RowProps) {
  const { t } = useTranslation();
  const { row, mode, errors } = props;
  const fields = useRowFields(props, "card");
  const invalid = !!errors && Object.keys(errors).length > 0;
  const editable = mode === "propose" || mode === "confirm";
  const shown = row.final ?? row.proposed;
  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="sm"
      data-testid="rating-row"
      data-person={row.personId}
      data-invalid={invalid || undefined}
      aria-labelledby={`rate-${row.personId}-name`}
      style={invalid ? { borderColor: "var(--mantine-color-red-6)", borderWidth: 2 } : undefined}
    >
      <Stack gap="xs">
        <Stack gap={2}>
          <Text fw={700} fz="lg" id={`rate-${row.personId}-name`}>
            {row.fullName}
          </Text>
          {row.position && (
            <Text size="sm" c="dimmed">
              {row.position}
            </Text>
          )}
          <CommitmentCell row={row} />
        </Stack>
        {mode === "confirm" && (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t("commitments.sheet.proposed")}
            </Text>
            <Given value={row.proposed} />
          </Stack>
        )}
        {editable ? (
          <>
            {fields.grade}
            {fields.points}
            {fields.reason}
          </>
        ) : (
          <Given value={shown} />
        )}
        {mode === "correct" && row.ratingId && (
          <Button
            variant="default"
            leftSection={<IconEdit size={18} aria-hidden />}
            onClick={props.onCorrect}
            aria-label={t("commitments.correct.actionFor", { name: row.fullName })}
          >
            {t("commitments.correct.action")}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function TableRow(props: RowProps) {
  const { t } = useTranslation();
  const { row, mode, errors } = props;
  const fields = useRowFields(props, "table");
  const invalid = !!errors && Object.keys(errors).length > 0;
  const editable = mode === "propose" || mode === "confirm";
  const shown = row.final ?? row.proposed;
  return (
    <Table.Tr
      data-testid="rating-row"
      data-person={row.personId}
      data-invalid={invalid || undefined}
      style={invalid ? { outline: "2px solid var(--mantine-color-red-6)", outlineOffset: -2 } : undefined}
    >
      <Table.Th scope="row" fw="normal">
        <Text fw={600} size="sm">
          {row.fullName}
        </Text>
        {row.position && (
          <Text size="xs" c="dimmed">
            {row.position}
          </Text>
        )}
      </Table.Th>
      <Table.Td>
        <CommitmentCell row={row} />
      </Table.Td>
      {mode === "confirm" && (
        <Table.Td>
          <Given value={row.proposed} />
        </Table.Td>
      )}
      {editable ? (
        <>
          <Table.Td miw={200}>{fields.grade}</Table.Td>
          <Table.Td>{fields.points}</Table.Td>
          <Table.Td>{fields.reason}</Table.Td>
        </>
      ) : (
        <>
          <Table.Td>{shown ? <GradeBadge grade={shown.grade} size="sm" /> : "—"}</Table.Td>
          <Table.Td>{shown?.points ?? "—"}</Table.Td>
          <Table.Td>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {shown?.reason ?? ""}
            </Text>
          </Table.Td>
        </>
      )}
      {mode === "correct" && (
        <Table.Td>
          {row.ratingId && (
            <Button
              variant="default"
              size="xs"
              leftSection={<IconEdit size={16} aria-hidden />}
              onClick={props.onCorrect}
              aria-label={t("commitments.correct.actionFor", { name: row.fullName })}
            >
              {t("commitments.correct.action")}
            </Button>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
