import { ActionIcon, Alert, Anchor, Button, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconAlertCircle, IconPencil } from "@tabler/icons-react";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AppModal, type DialogProps, FormActions } from "../../components/AppModal";
import { type Column, DataTable } from "../../components/DataTable";
import { DateField } from "../../components/DateField";
import { FormAlerts } from "../../components/FormAlerts";
import { focusFirstError } from "../../components/focusFirstError";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { notifySuccess } from "../../components/notify";
import { Pager } from "../../components/Pager";
import { fieldErrors, isApiError } from "../../lib/api";
import { formatDate, todayInVietnam } from "../../lib/format";
import { useCurrentUser } from "../../lib/session";
import { UnitSelect } from "../units/UnitSelect";
import {
  ADOPTIONS_PAGE_SIZE,
  type Adoption,
  type Practice,
  useAdoptPractice,
  usePracticeAdoptions,
  useReloadAdoptions,
  useUnitAdoptions,
  useUpdateAdoption,
} from "./api";

const multiline = { whiteSpace: "pre-wrap", overflowWrap: "anywhere" } as const;

/** Nhân rộng: a unit (the caller's by default, or one below it) records that it takes the model up. */
export function AdoptModal({
  practice,
  opened,
  onClose,
}: DialogProps & {
  practice: Pick<Practice, "id" | "title">;
}) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t("practices.adopt.title")} size="lg">
      {opened && <AdoptForm practice={practice} onClose={onClose} />}
    </AppModal>
  );
}

function AdoptForm({ practice, onClose }: { practice: Pick<Practice, "id" | "title">; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const adopt = useAdoptPractice();
  const [unitId, setUnitId] = useState<string | null>(user.unitId);
  const [startedOn, setStartedOn] = useState(todayInVietnam());
  const [notes, setNotes] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const errors = {
    unitId: !unitId ? t("practices.errors.unitRequired") : undefined,
    startedOn: !startedOn
      ? t("validation.required")
      : startedOn > todayInVietnam()
        ? t("practices.errors.startedInFuture")
        : undefined,
  };
  const server = fieldErrors(adopt.error);
  const general = adopt.isError && Object.keys(server).length === 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    focusFirstError(event.currentTarget);
    if (errors.unitId || errors.startedOn || !unitId) return;
    adopt.mutate(
      {
        id: practice.id,
        ...(unitId !== user.unitId ? { unitId } : {}),
        startedOn,
        notes: notes.trim(),
      },
      {
        onSuccess: ({ adoption }) => {
          notifySuccess(t("practices.adopt.done", { unit: adoption.unit.name }));
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t("practices.adopt.message", { title: practice.title })}</Text>
        {general && (
          <Alert color="red" icon={<IconAlertCircle />} role="alert">
            {adopt.error?.message}
          </Alert>
        )}
        <UnitSelect
          label={t("practices.adopt.unit")}
          description={t("practices.adopt.unitHint")}
          required
          activeOnly
          value={unitId}
          initialUnit={{ id: user.unitId, name: user.unitName }}
          onChange={(unit) => setUnitId(unit?.id ?? null)}
          error={(submitted ? errors.unitId : undefined) ?? server.unitId}
        />
        <DateField
          label={t("practices.adopt.startedOn")}
          value={startedOn}
          onChange={setStartedOn}
          required
          error={(submitted ? errors.startedOn : undefined) ?? server.startedOn}
        />
        <Textarea
          label={t("practices.adopt.notes")}
          description={t("practices.adopt.notesHint")}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={5000}
          size="md"
          error={server.notes}
        />
        <FormActions
          onCancel={onClose}
          pending={adopt.isPending}
          submitLabel={t("practices.adopt.confirm")}
        />
      </Stack>
    </form>
  );
}

/** Ghi kết quả: what the adoption achieved (and its start and notes), with the version read. */
function AdoptionResultsModal({ adoption, onClose }: { adoption: Adoption | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={adoption !== null}
      onClose={onClose}
      title={t("practices.adoptions.editTitle", { unit: adoption?.unit.name ?? "" })}
      size="lg"
    >
      {adoption && <AdoptionResultsForm key={adoption.version} adoption={adoption} onClose={onClose} />}
    </AppModal>
  );
}

function AdoptionResultsForm({ adoption, onClose }: { adoption: Adoption; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateAdoption();
  const reload = useReloadAdoptions();
  const [startedOn, setStartedOn] = useState(adoption.startedOn);
  const [notes, setNotes] = useState(adoption.notes);
  const [results, setResults] = useState(adoption.results);
  const [submitted, setSubmitted] = useState(false);
  const startError = !startedOn ? t("validation.required") : undefined;
  const conflict = isApiError(update.error, "VERSION_CONFLICT");
  const server = fieldErrors(update.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    focusFirstError(event.currentTarget);
    if (startError) return;
    const changes: { startedOn?: string; notes?: string; results?: string } = {};
    if (startedOn !== adoption.startedOn) changes.startedOn = startedOn;
    if (notes.trim() !== adoption.notes) changes.notes = notes.trim();
    if (results.trim() !== adoption.results) changes.results = results.trim();
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { id: adoption.id, version: adoption.version, ...changes },
      {
        onSuccess: () => {
          notifySuccess(t("practices.adoptions.saved", { unit: adoption.unit.name }));
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlerts
          conflict={conflict}
          onReload={() => {
            void reload();
            onClose();
          }}
          failed={update.isError && !conflict && Object.keys(server).length === 0}
          message={update.error?.message}
        />
        <DateField
          label={t("practices.adopt.startedOn")}
          value={startedOn}
          onChange={setStartedOn}
          required
          error={(submitted ? startError : undefined) ?? server.startedOn}
        />
        <Textarea
          label={t("practices.adopt.notes")}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={5000}
          size="md"
          error={server.notes}
        />
        <Textarea
          label={t("practices.adoptions.results")}
          description={t("practices.adoptions.resultsHint")}
          value={results}
          onChange={(event) => setResults(event.currentTarget.value)}
          autosize
          minRows={4}
          maxRows={12}
          maxLength={10_000}
          size="md"
          error={server.results}
          data-autofocus
        />
        <FormActions onCancel={onClose} pending={update.isPending} submitLabel={t("common.save")} />
      </Stack>
    </form>
  );
}

/**
 * A page of adoptions: of one model (the adopting units) or of one unit's subtree (the models it
 * took up). Units of the caller's subtree may record their results.
 */
export function AdoptionTable({
  of,
  id,
  label,
}: {
  of: "practice" | "unit";
  id: string;
  /** What the list is called (for screen readers). */
  label: string;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Adoption | null>(null);
  // On a phone's card the action sits beside the title: an icon leaves the title its room.
  const narrow = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const byPractice = usePracticeAdoptions(of === "practice" ? id : "", page);
  const byUnit = useUnitAdoptions(of === "unit" ? id : "", page);
  const query = of === "practice" ? byPractice : byUnit;

  const practiceLink = (adoption: Adoption) => (
    <Anchor
      component={Link}
      to={`/practices/${adoption.practice.id}`}
      fw={600}
      style={{ overflowWrap: "anywhere" }}
    >
      {adoption.practice.title}
    </Anchor>
  );
  const columns: Column<Adoption>[] = [
    of === "practice"
      ? { key: "unit", header: t("practices.adoptions.unit"), render: (a) => a.unit.name, hideInCard: true }
      : { key: "practice", header: t("practices.titleField"), render: practiceLink, hideInCard: true },
    ...(of === "unit"
      ? [{ key: "unit", header: t("practices.adoptions.unit"), render: (a: Adoption) => a.unit.name }]
      : []),
    {
      key: "startedOn",
      header: t("practices.adopt.startedOn"),
      nowrap: true,
      render: (a) => formatDate(a.startedOn),
    },
    {
      key: "notes",
      header: t("practices.adopt.notes"),
      render: (a) =>
        a.notes ? (
          <Text span size="sm" style={multiline}>
            {a.notes}
          </Text>
        ) : (
          ""
        ),
    },
    {
      key: "results",
      header: t("practices.adoptions.results"),
      render: (a) =>
        a.results ? (
          <Text span size="sm" style={multiline}>
            {a.results}
          </Text>
        ) : (
          <Text span size="sm" c="dimmed">
            {t("practices.adoptions.noResults")}
          </Text>
        ),
    },
  ];

  let content: ReactNode;
  if (query.isPending) content = <ListSkeleton rows={2} />;
  else if (query.isError) content = <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  else if (query.data.items.length === 0)
    content = (
      <EmptyList
        message={of === "practice" ? t("practices.adoptions.empty") : t("practices.adoptions.emptyUnit")}
      />
    );
  else
    content = (
      <Stack style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isPlaceholderData}>
        <DataTable
          label={label}
          rows={query.data.items}
          columns={columns}
          rowKey={(a) => a.id}
          cardTitle={(a) => (of === "practice" ? a.unit.name : practiceLink(a))}
          actions={(a) =>
            a.mayEdit && narrow ? (
              <ActionIcon
                variant="light"
                onClick={() => setEditing(a)}
                aria-label={t("practices.adoptions.editNamed", { unit: a.unit.name })}
              >
                <IconPencil size={18} />
              </ActionIcon>
            ) : a.mayEdit ? (
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconPencil size={14} />}
                onClick={() => setEditing(a)}
                aria-label={t("practices.adoptions.editNamed", { unit: a.unit.name })}
              >
                {t("practices.adoptions.edit")}
              </Button>
            ) : null
          }
          minWidth={720}
        />
        {query.data.total > ADOPTIONS_PAGE_SIZE && (
          <Pager page={page} of={query.data} pageSize={ADOPTIONS_PAGE_SIZE} onChange={setPage} />
        )}
      </Stack>
    );

  return (
    <>
      {content}
      <AdoptionResultsModal adoption={editing} onClose={() => setEditing(null)} />
    </>
  );
}

/** The adopting units of a model, under a heading. */
export function AdoptionsSection({ practiceId, total }: { practiceId: string; total: number }) {
  const { t } = useTranslation();
  return (
    <Stack component="section" aria-labelledby="adoptions-title" gap="sm">
      <Title order={2} fz="h4" id="adoptions-title">
        {t("practices.adoptions.titleCount", { count: total })}
      </Title>
      <AdoptionTable of="practice" id={practiceId} label={t("practices.adoptions.title")} />
    </Stack>
  );
}
