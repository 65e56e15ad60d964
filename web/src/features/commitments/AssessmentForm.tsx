import { Alert, Box, Button, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { focusFirstError } from "../../components/focusFirstError";
import { fieldErrors, isApiError } from "../../lib/api";
import { type Commitment, useAssessMyCommitment } from "./api";

/**
 * Tự đánh giá: the member's own assessment at mid-year, or at the year's end with what came of
 * each target. Saved with the commitment's version; written again as often as needed until the
 * year is closed.
 */
export function AssessmentForm({
  commitment,
  period,
  onReload,
}: {
  commitment: Commitment;
  period: "mid" | "end";
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const assess = useAssessMyCommitment();
  const existing = period === "mid" ? commitment.midYearAssessment : commitment.yearEndAssessment;
  const [editing, setEditing] = useState(!existing && !commitment.locked);
  const [text, setText] = useState(existing ?? "");
  const [results, setResults] = useState<string[]>(commitment.targets.map((target) => target.result ?? ""));
  const [checked, setChecked] = useState(false);
  const [announce, setAnnounce] = useState("");
  const id = `assessment-${period}`;
  const title = period === "mid" ? t("commitments.assess.mid") : t("commitments.assess.end");
  const error = checked && !text.trim() ? t("commitments.assess.required") : fieldErrors(assess.error).text;
  const conflict = isApiError(assess.error, "VERSION_CONFLICT") || isApiError(assess.error, "STATE_CONFLICT");

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!text.trim()) {
      focusFirstError(event.currentTarget);
      return;
    }
    setAnnounce("");
    assess.mutate(
      {
        year: commitment.year,
        period,
        text: text.trim(),
        ...(period === "end" ? { results: results.map((r) => r.trim()) } : {}),
        version: commitment.version,
      },
      {
        onSuccess: () => {
          setEditing(false);
          setAnnounce(t("commitments.assess.saved", { title }));
        },
      },
    );
  };

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: "sm", sm: "md" }}
      component="section"
      aria-labelledby={`${id}-title`}
    >
      <Stack gap="sm">
        <Title order={3} fz="h4" id={`${id}-title`}>
          {title}
        </Title>
        <Text role="status" aria-live="polite" size="sm" c="teal">
          {announce}
        </Text>
        {!editing ? (
          <Stack gap="xs" align="flex-start">
            <Text fz="lg" style={{ whiteSpace: "pre-wrap" }} c={existing ? undefined : "dimmed"}>
              {existing ?? t("commitments.assess.none")}
            </Text>
            {!commitment.locked && (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t("commitments.assess.edit")}
              </Button>
            )}
          </Stack>
        ) : (
          <Box component="form" onSubmit={save} noValidate>
            <Stack gap="sm">
              <Textarea
                id={`${id}-text`}
                label={period === "mid" ? t("commitments.assess.midLabel") : t("commitments.assess.endLabel")}
                description={
                  period === "mid" ? t("commitments.assess.midHint") : t("commitments.assess.endHint")
                }
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
                error={error}
                required
                autosize
                minRows={4}
                maxLength={5000}
                size="md"
              />
              {period === "end" &&
                commitment.targets.map((target, index) => (
                  <Textarea
                    // biome-ignore lint/suspicious/noArrayIndexKey: targets are an ordered list without ids
                    key={index}
                    label={t("commitments.assess.resultOf", { n: index + 1, target: target.text })}
                    value={results[index] ?? ""}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setResults((current) => current.map((r, i) => (i === index ? value : r)));
                    }}
                    autosize
                    minRows={2}
                    maxLength={1000}
                    size="md"
                  />
                ))}
              {conflict && (
                <Alert color="orange" role="alert">
                  <Stack gap="xs" align="flex-start">
                    <Text size="sm">{assess.error instanceof Error ? assess.error.message : ""}</Text>
                    <Button variant="white" color="orange" onClick={onReload}>
                      {t("commitments.form.reload")}
                    </Button>
                  </Stack>
                </Alert>
              )}
              {assess.isError && !conflict && !error && (
                <Alert color="red" role="alert">
                  {assess.error instanceof Error ? assess.error.message : t("errors.unknown")}
                </Alert>
              )}
              <Group gap="sm">
                <Button type="submit" size="lg" loading={assess.isPending}>
                  {t("commitments.assess.save")}
                </Button>
                {existing && (
                  <Button variant="default" size="lg" onClick={() => setEditing(false)}>
                    {t("common.cancel")}
                  </Button>
                )}
              </Group>
            </Stack>
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
