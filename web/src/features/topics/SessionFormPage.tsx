import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconAlertCircle, IconDeviceFloppy, IconSearch, IconTrash } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { ConfirmModal } from "../../components/ConfirmModal";
import { DateField } from "../../components/DateField";
import { ErrorAlert, ListSkeleton, PageLoader } from "../../components/ListStates";
import { notifyError, notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { fieldErrors, isApiError } from "../../lib/api";
import { formatDate, formatNumber, todayInVietnam } from "../../lib/format";
import { useCurrentUser } from "../../lib/session";
import { UnitSelect } from "../units/UnitSelect";
import {
  type Attendee,
  foldText,
  type StudySessionDetail,
  useDeleteSession,
  useRoster,
  useSaveSession,
  useSession,
  useTopics,
} from "./api";

/** Records a new study session (the caller's unit by default, a topic issued to it, today). */
export function NewSessionPage() {
  const [params] = useSearchParams();
  const user = useCurrentUser();
  const year = Number(params.get("year")) || Number(todayInVietnam().slice(0, 4));
  return (
    <SessionForm
      initial={{
        unit: { id: user.unitId, name: user.unitName },
        topicId: params.get("topicId") ?? "",
        heldOn: todayInVietnam(),
        notes: "",
        personIds: [],
        year,
      }}
    />
  );
}

/** A recorded session: corrected by the unit's keepers, read by the others. */
export function SessionPage() {
  const { id = "" } = useParams();
  const session = useSession(id);
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorAlert error={session.error} onRetry={() => session.refetch()} />;
  const s = session.data;
  if (!s.allowedActions.includes("update")) return <SessionView session={s} />;
  return (
    <SessionForm
      key={s.version}
      session={s}
      initial={{
        unit: s.unit,
        topicId: s.topic.id,
        heldOn: s.heldOn,
        notes: s.notes,
        personIds: s.attendees.map((a) => a.id),
        year: s.topic.year,
      }}
      known={s.attendees}
      onConflict={() => session.refetch()}
    />
  );
}

interface Initial {
  unit: { id: string; name: string };
  topicId: string;
  heldOn: string;
  notes: string;
  personIds: string[];
  year: number;
}

function SessionForm({
  initial,
  session,
  known = [],
  onConflict,
}: {
  initial: Initial;
  session?: StudySessionDetail;
  /** People already listed as present (some may have left the unit since). */
  known?: Attendee[];
  onConflict?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "vi";
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [unit, setUnit] = useState(initial.unit);
  const [topicId, setTopicId] = useState(initial.topicId);
  const [heldOn, setHeldOn] = useState(initial.heldOn);
  const [notes, setNotes] = useState(initial.notes);
  const [present, setPresent] = useState(() => new Set(initial.personIds));
  const [search, setSearch] = useState("");
  const [deleting, setDeleting] = useState(false);
  const topics = useTopics({ year: initial.year, pageSize: 100 });
  const roster = useRoster(unit.id);
  const save = useSaveSession(session?.id);
  const remove = useDeleteSession(session?.id ?? "");
  const errors = fieldErrors(save.error);

  // Without a topic chosen, the nearest one issued to the caller's unit (the list's first of the chain).
  const topicOptions = (topics.data?.items ?? []).map((topic) => ({
    value: topic.id,
    label: `${topic.title} (${topic.unit.name})`,
  }));
  const chosenTopic = topicId || topicOptions[0]?.value || "";

  const people = useMemo(() => {
    const listed = roster.data?.items ?? [];
    const ids = new Set(listed.map((p) => p.id));
    // Those present who are no longer on the roster (moved, left) stay listed, ticked.
    const gone = known.filter((p) => !ids.has(p.id)).map((p) => ({ ...p, position: "" }));
    return [...listed, ...gone];
  }, [roster.data, known]);
  const folded = foldText(search);
  const shown = folded ? people.filter((p) => foldText(p.fullName).includes(folded)) : people;
  const otherUnits = people.some((p) => p.unitName !== unit.name);

  const toggle = (id: string, on: boolean) =>
    setPresent((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = () =>
    save.mutate(
      {
        unitId: unit.id,
        topicId: chosenTopic,
        heldOn,
        notes,
        personIds: [...present],
        ...(session ? { version: session.version } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t("topics.sessions.saved", { count: present.size }));
          navigate(`/topics?year=${initial.year}`);
        },
        onError: (error) => {
          if (isApiError(error, "VERSION_CONFLICT")) {
            notifyError(t("topics.sessions.conflict"));
            onConflict?.();
          }
        },
      },
    );

  return (
    <Stack maw={760} pb={80}>
      <BackLink to={`/topics?year=${initial.year}`} label={t("topics.back")} />
      <PageHeader
        title={
          session
            ? t("topics.sessions.editTitle", { date: formatDate(session.heldOn) })
            : t("topics.sessions.record")
        }
        description={t("topics.sessions.formDescription")}
      />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          {session || user.role === "secretary" ? (
            <Text>
              <Text span c="dimmed">
                {t("topics.sessions.unit")}:{" "}
              </Text>
              <Text span fw={600}>
                {unit.name}
              </Text>
            </Text>
          ) : (
            <UnitSelect
              label={t("topics.sessions.unit")}
              value={unit.id}
              initialUnit={initial.unit}
              activeOnly
              required
              onChange={(picked) => {
                if (!picked) return;
                setUnit({ id: picked.id, name: picked.name });
                setPresent(new Set());
              }}
              error={errors.unitId}
            />
          )}
          <Select
            label={t("topics.sessions.topic")}
            data={topicOptions}
            value={chosenTopic || null}
            onChange={(value) => setTopicId(value ?? "")}
            required
            allowDeselect={false}
            nothingFoundMessage={t("topics.noYearTopic", { year: initial.year })}
            error={errors.topicId}
            comboboxProps={{ withinPortal: true }}
            styles={{ option: { overflowWrap: "anywhere" } }}
          />
          <DateField
            label={t("topics.sessions.heldOn")}
            value={heldOn}
            onChange={setHeldOn}
            required
            maw={200}
            {...(errors.heldOn ? { error: errors.heldOn } : {})}
          />
          <Textarea
            label={t("topics.sessions.notes")}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={6}
          />

          <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }} component="fieldset" m={0}>
            <Stack gap="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Title order={2} fz="h4" component="legend">
                  {t("topics.sessions.attendance")}
                </Title>
                <Text fw={600} aria-live="polite">
                  {t("topics.sessions.presentOf", {
                    present: formatNumber(present.size, lang),
                    total: formatNumber(people.length, lang),
                  })}
                </Text>
              </Group>
              <Group gap="xs" wrap="wrap">
                <Button variant="light" onClick={() => setPresent(new Set(people.map((p) => p.id)))}>
                  {t("topics.sessions.everyone")}
                </Button>
                <Button variant="default" onClick={() => setPresent(new Set())}>
                  {t("topics.sessions.nobody")}
                </Button>
              </Group>
              {people.length > 15 && (
                <TextInput
                  leftSection={<IconSearch size={16} />}
                  placeholder={t("topics.sessions.searchPerson")}
                  aria-label={t("topics.sessions.searchPerson")}
                  value={search}
                  onChange={(e) => setSearch(e.currentTarget.value)}
                />
              )}
              {roster.isPending ? (
                <ListSkeleton rows={6} />
              ) : roster.isError ? (
                <ErrorAlert error={roster.error} onRetry={() => roster.refetch()} />
              ) : people.length === 0 ? (
                <Text c="dimmed">{t("topics.sessions.noPeople")}</Text>
              ) : (
                <Stack gap={6}>
                  {roster.data.truncated && (
                    <Alert color="yellow" icon={<IconAlertCircle />}>
                      {t("topics.sessions.truncated")}
                    </Alert>
                  )}
                  {shown.map((person) => {
                    const checked = present.has(person.id);
                    const detail = [person.position, otherUnits ? person.unitName : ""]
                      .filter(Boolean)
                      .join(" · ");
                    return (
                      <Checkbox.Card
                        key={person.id}
                        radius="md"
                        px="sm"
                        py={10}
                        checked={checked}
                        onChange={(next) => toggle(person.id, next)}
                        bg={checked ? "var(--mantine-color-teal-light)" : undefined}
                      >
                        <Group wrap="nowrap" gap="sm">
                          <Checkbox.Indicator size="md" />
                          <Stack gap={0} style={{ minWidth: 0 }}>
                            <Text fz="lg" fw={500}>
                              {person.fullName}
                            </Text>
                            {detail && (
                              <Text size="sm" c="dimmed">
                                {detail}
                              </Text>
                            )}
                          </Stack>
                        </Group>
                      </Checkbox.Card>
                    );
                  })}
                </Stack>
              )}
              {errors.personIds && (
                <Text c="red" size="sm" role="alert">
                  {errors.personIds}
                </Text>
              )}
            </Stack>
          </Paper>

          {save.error && !isApiError(save.error, "VERSION_CONFLICT") && Object.keys(errors).length === 0 && (
            <Alert color="red" icon={<IconAlertCircle />}>
              {save.error.message}
            </Alert>
          )}
          <Paper
            withBorder
            shadow="sm"
            p="sm"
            radius="md"
            style={{ position: "sticky", bottom: 8, zIndex: 2 }}
          >
            <Group justify="space-between" wrap="nowrap" gap="xs">
              {session ? (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={18} />}
                  onClick={() => setDeleting(true)}
                >
                  {t("topics.sessions.delete")}
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  {t("topics.sessions.presentOf", { present: present.size, total: people.length })}
                </Text>
              )}
              <Button
                type="submit"
                size="md"
                loading={save.isPending}
                disabled={!chosenTopic || !heldOn}
                leftSection={<IconDeviceFloppy size={18} />}
              >
                {t("common.save")}
              </Button>
            </Group>
          </Paper>
        </Stack>
      </form>
      {session && (
        <ConfirmModal
          opened={deleting}
          onClose={() => setDeleting(false)}
          title={t("topics.sessions.deleteTitle")}
          message={t("topics.sessions.deleteMessage", { date: formatDate(session.heldOn) })}
          confirmLabel={t("topics.sessions.delete")}
          loading={remove.isPending}
          error={remove.error}
          onConfirm={() =>
            remove.mutate(session.version, {
              onSuccess: () => {
                notifySuccess(t("topics.sessions.deleted"));
                navigate(`/topics?year=${initial.year}`);
              },
            })
          }
        />
      )}
    </Stack>
  );
}

/** A session as those who do not record it see it (a member: whether they were there). */
function SessionView({ session }: { session: StudySessionDetail }) {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <BackLink to={`/topics?year=${session.topic.year}`} label={t("topics.back")} />
      <PageHeader title={t("topics.sessions.viewTitle", { date: formatDate(session.heldOn) })} />
      <Text fz="lg">
        <Text span c="dimmed">
          {t("topics.sessions.unit")}:{" "}
        </Text>
        {session.unit.name}
      </Text>
      <Anchor component={Link} to={`/topics/${session.topic.id}`} fz="lg" fw={600}>
        {session.topic.title}
      </Anchor>
      {session.notes && (
        <Text fz="lg" style={{ whiteSpace: "pre-line" }}>
          {session.notes}
        </Text>
      )}
      <Text fz="lg" fw={600}>
        {t("topics.sessions.present", { count: session.attendeeCount })}
      </Text>
      {session.attendees.length > 0 && (
        <Stack component="ul" gap={4} pl="md" m={0}>
          {session.attendees.map((a) => (
            <Text component="li" key={a.id} fz="lg">
              {a.fullName}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
