import { Alert, Box, Group, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps, FormActions } from "../../components/AppModal";
import { focusFirstError } from "../../components/focusFirstError";
import { fieldErrors } from "../../lib/api";
import { type Grade, type SheetRow, useCorrectRating } from "./api";
import { GradeBadge, GradeSelect } from "./bits";

/** Điều chỉnh: after the year is closed, a grade changes only by a correction that records its reason. */
export function CorrectionModal({
  opened,
  onClose,
  row,
  ratingId,
  onDone,
}: DialogProps & {
  row: SheetRow;
  ratingId: string;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const correct = useCorrectRating();
  const current = row.final ?? row.proposed;
  const [grade, setGrade] = useState<Grade | "">(current?.grade ?? "");
  const [points, setPoints] = useState(current?.points == null ? "" : String(current.points));
  const [reason, setReason] = useState("");
  const [checked, setChecked] = useState(false);
  const server = fieldErrors(correct.error);
  const reasonError = checked && !reason.trim() ? t("commitments.correct.reasonRequired") : server.reason;
  const gradeError = checked && !grade ? t("commitments.correct.gradeRequired") : server.grade;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!grade || !reason.trim()) {
      focusFirstError(event.currentTarget);
      return;
    }
    correct.mutate(
      { ratingId, grade, points: points === "" ? null : Number(points), reason: reason.trim() },
      { onSuccess: () => onDone(t("commitments.correct.done", { name: row.fullName })) },
    );
  };

  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={t("commitments.correct.title", { name: row.fullName })}
    >
      <Box component="form" onSubmit={submit} noValidate>
        <Stack gap="sm">
          {current && (
            <Group gap="xs">
              <Text size="sm">{t("commitments.correct.current")}</Text>
              <GradeBadge grade={current.grade} size="sm" />
            </Group>
          )}
          <GradeSelect
            id="correction-grade"
            label={t("commitments.correct.grade")}
            value={grade}
            onChange={setGrade}
            error={gradeError}
          />
          <TextInput
            label={t("commitments.sheet.points")}
            value={points}
            onChange={(event) => setPoints(event.currentTarget.value.replace(/[^\d]/g, ""))}
            inputMode="numeric"
            maxLength={3}
            w={120}
            error={server.points}
          />
          <Textarea
            label={t("commitments.correct.reason")}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            required
            autosize
            minRows={2}
            maxLength={2000}
            error={reasonError}
          />
          {correct.isError && Object.keys(server).length === 0 && (
            <Alert color="red" role="alert">
              {correct.error instanceof Error ? correct.error.message : t("errors.unknown")}
            </Alert>
          )}
          <FormActions
            onCancel={onClose}
            pending={correct.isPending}
            submitLabel={t("commitments.correct.save")}
          />
        </Stack>
      </Box>
    </AppModal>
  );
}
