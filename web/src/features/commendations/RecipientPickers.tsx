import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertCircle, IconSearch } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../components/AppModal";
import { BareList } from "../../components/BareList";
import { ErrorAlert } from "../../components/ListStates";
import { Pager } from "../../components/Pager";
import { api, type Page } from "../../lib/api";
import { formatNumber } from "../../lib/format";
import type { UnitItem } from "../units/api";
import { UnitSelect } from "../units/UnitSelect";
import { LIMITS, type RecipientKind, type ResolvedLine, useResolveRecipients } from "./api";
import { identityOf, type RecipientRow, rowKey } from "./rows";

const MAX_ALL = LIMITS.recipients;

/** Every item of a list route, page after page (at most the recipients' limit). */
async function fetchAll<T>(path: string, query: Record<string, string>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const batch = await api<Page<T>>(path, { query: { ...query, page, pageSize: 200 } });
    items.push(...batch.items);
    if (page * batch.pageSize >= batch.total || batch.items.length === 0 || items.length >= MAX_ALL)
      return items.slice(0, MAX_ALL);
  }
}

interface Picked {
  id: string;
  name: string;
}

interface PickerProps {
  opened: boolean;
  onClose: () => void;
  proposer: Picked;
  present: Set<string>;
  onAdd: (rows: RecipientRow[]) => void;
}

const collectiveRow = (unit: { id: string; name: string }, parentName: string): RecipientRow => ({
  key: rowKey(),
  kind: "collective",
  unitId: unit.id,
  name: unit.name,
  unitLabel: parentName,
  achievement: "",
  links: [],
});

const personRow = (person: {
  id: string;
  fullName: string;
  unitName: string;
  unitId: string;
}): RecipientRow => ({
  key: rowKey(),
  kind: "individual",
  personId: person.id,
  personUnitId: person.unitId,
  name: person.fullName,
  unitLabel: person.unitName,
  achievement: "",
  links: [],
});

// Collectives ----------------------------------------------------------------------------------

/** Tập thể: the sub-units of a unit (all of them at once, or some), and the unit itself. */
export function AddCollectivesModal(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      fresh
      size="lg"
      opened={props.opened}
      onClose={props.onClose}
      title={t("commendations.pickers.collectivesTitle")}
    >
      <CollectivesPicker {...props} />
    </AppModal>
  );
}

function CollectivesPicker({ proposer, present, onAdd, onClose }: PickerProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "vi";
  const [unit, setUnit] = useState<Picked>(proposer);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [self, setSelf] = useState(false);
  const children = useQuery({
    queryKey: ["commendations", "pick", "children", unit.id],
    queryFn: () => fetchAll<UnitItem>(`/units/${encodeURIComponent(unit.id)}/children`, {}),
  });
  const choosable = (children.data ?? []).filter(
    (u) => u.status === "active" && !present.has(`unit:${u.id}`),
  );
  const allChosen = choosable.length > 0 && choosable.every((u) => selected.has(u.id));
  const someChosen = choosable.some((u) => selected.has(u.id));
  const selfPresent = present.has(`unit:${unit.id}`);
  const count = selected.size + (self && !selfPresent ? 1 : 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The dialog sits inside the proposal form in React's tree: its submit must not reach it.
    event.stopPropagation();
    const rows = (children.data ?? [])
      .filter((u) => selected.has(u.id))
      .map((u) => collectiveRow(u, unit.name));
    onAdd(self && !selfPresent ? [collectiveRow(unit, ""), ...rows] : rows);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <UnitSelect
          label={t("commendations.pickers.unit")}
          description={t("commendations.pickers.unitHint")}
          value={unit.id}
          initialUnit={proposer}
          activeOnly
          onChange={(picked) => {
            if (!picked) return;
            setUnit({ id: picked.id, name: picked.name });
            setSelected(new Set());
            setSelf(false);
          }}
        />
        <Checkbox
          label={t("commendations.pickers.unitItself", { name: unit.name })}
          checked={self || selfPresent}
          disabled={selfPresent}
          onChange={(event) => setSelf(event.currentTarget.checked)}
        />
        {children.isPending ? (
          <Loader size="sm" aria-label={t("common.loading")} />
        ) : children.isError ? (
          <ErrorAlert error={children.error} onRetry={() => children.refetch()} />
        ) : children.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("commendations.pickers.noChildren")}
          </Text>
        ) : (
          <Stack gap="xs">
            <Checkbox
              fw={600}
              label={t("commendations.pickers.allChildren", {
                count: formatNumber(choosable.length, lang),
                name: unit.name,
              })}
              checked={allChosen}
              indeterminate={someChosen && !allChosen}
              disabled={choosable.length === 0}
              onChange={() => setSelected(allChosen ? new Set() : new Set(choosable.map((u) => u.id)))}
            />
            <ScrollArea.Autosize mah={320} type="auto" offsetScrollbars>
              <BareList gap={6} aria-label={t("commendations.pickers.childrenLabel")}>
                {children.data.map((u) => {
                  const listed = present.has(`unit:${u.id}`);
                  const closed = u.status !== "active";
                  return (
                    <li key={u.id}>
                      <Checkbox
                        label={u.name}
                        description={
                          listed
                            ? t("commendations.pickers.alreadyListed")
                            : closed
                              ? t(`units.statuses.${u.status}`)
                              : undefined
                        }
                        checked={listed || selected.has(u.id)}
                        disabled={listed || closed}
                        onChange={(event) => {
                          const next = new Set(selected);
                          if (event.currentTarget.checked) next.add(u.id);
                          else next.delete(u.id);
                          setSelected(next);
                        }}
                      />
                    </li>
                  );
                })}
              </BareList>
            </ScrollArea.Autosize>
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" disabled={count === 0}>
            {t("commendations.pickers.addCollectives", { count })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// People ---------------------------------------------------------------------------------------

interface PersonItem {
  id: string;
  fullName: string;
  unitId: string;
  unitName: string;
  birthDate: string | null;
}

const PEOPLE_PAGE = 50;

/** Cá nhân: active members of a unit's subtree, picked a page at a time or all at once. */
export function AddPeopleModal(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      fresh
      size="lg"
      opened={props.opened}
      onClose={props.onClose}
      title={t("commendations.pickers.peopleTitle")}
    >
      <PeoplePicker {...props} />
    </AppModal>
  );
}

function PeoplePicker({ proposer, present, onAdd, onClose }: PickerProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "vi";
  const [unit, setUnit] = useState<Picked>(proposer);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Map<string, PersonItem>>(new Map());
  const [loadingAll, setLoadingAll] = useState(false);
  const [allError, setAllError] = useState<unknown>(null);
  const query = { unitId: unit.id, status: "active", q: debounced };
  const people = useQuery({
    queryKey: ["commendations", "pick", "people", query, page],
    queryFn: ({ signal }) =>
      api<Page<PersonItem>>("/people", { query: { ...query, page, pageSize: PEOPLE_PAGE }, signal }),
    placeholderData: keepPreviousData,
  });
  const items = people.data?.items ?? [];
  const choosable = items.filter((p) => !present.has(`person:${p.id}`));
  const pageChosen = choosable.length > 0 && choosable.every((p) => selected.has(p.id));
  const total = people.data?.total ?? 0;

  const toggle = (person: PersonItem, on: boolean) => {
    const next = new Map(selected);
    if (on) next.set(person.id, person);
    else next.delete(person.id);
    setSelected(next);
  };
  const chooseAll = async () => {
    setLoadingAll(true);
    setAllError(null);
    try {
      const all = await fetchAll<PersonItem>("/people", query);
      const next = new Map(selected);
      for (const p of all) if (!present.has(`person:${p.id}`)) next.set(p.id, p);
      setSelected(next);
    } catch (error) {
      setAllError(error);
    } finally {
      setLoadingAll(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // The dialog sits inside the proposal form in React's tree: its submit must not reach it.
        event.stopPropagation();
        onAdd([...selected.values()].map(personRow));
      }}
    >
      <Stack>
        <UnitSelect
          label={t("commendations.pickers.unit")}
          description={t("commendations.pickers.peopleUnitHint")}
          value={unit.id}
          initialUnit={proposer}
          activeOnly
          onChange={(picked) => {
            if (!picked) return;
            setUnit({ id: picked.id, name: picked.name });
            setPage(1);
          }}
        />
        <TextInput
          label={t("commendations.pickers.searchPeople")}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
        />
        <Group gap="sm" wrap="wrap">
          <Checkbox
            label={t("commendations.pickers.wholePage")}
            checked={pageChosen}
            disabled={choosable.length === 0}
            onChange={() => {
              const next = new Map(selected);
              for (const p of choosable) {
                if (pageChosen) next.delete(p.id);
                else next.set(p.id, p);
              }
              setSelected(next);
            }}
          />
          <Button size="xs" variant="light" loading={loadingAll} disabled={total === 0} onClick={chooseAll}>
            {t("commendations.pickers.allPeople", { count: formatNumber(total, lang) })}
          </Button>
          {selected.size > 0 && (
            <Button size="xs" variant="subtle" color="gray" onClick={() => setSelected(new Map())}>
              {t("commendations.pickers.clearSelection")}
            </Button>
          )}
        </Group>
        {allError ? <ErrorAlert error={allError} /> : null}
        {people.isPending ? (
          <Loader size="sm" aria-label={t("common.loading")} />
        ) : people.isError ? (
          <ErrorAlert error={people.error} onRetry={() => people.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("common.noMatches")}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={320} type="auto" offsetScrollbars>
            <BareList gap={6} aria-label={t("commendations.pickers.peopleLabel")}>
              {items.map((p) => {
                const listed = present.has(`person:${p.id}`);
                return (
                  <li key={p.id}>
                    <Checkbox
                      label={p.fullName}
                      description={[p.unitName, listed ? t("commendations.pickers.alreadyListed") : ""]
                        .filter(Boolean)
                        .join(" · ")}
                      checked={listed || selected.has(p.id)}
                      disabled={listed}
                      onChange={(event) => toggle(p, event.currentTarget.checked)}
                    />
                  </li>
                );
              })}
            </BareList>
          </ScrollArea.Autosize>
        )}
        {total > PEOPLE_PAGE && <Pager page={page} pageSize={PEOPLE_PAGE} total={total} onChange={setPage} />}
        <Group justify="space-between">
          <Text size="sm" role="status" aria-live="polite">
            {t("commendations.pickers.selected", { count: selected.size })}
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" disabled={selected.size === 0}>
              {t("commendations.pickers.addPeople", { count: selected.size })}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

// Pasted names ---------------------------------------------------------------------------------

/** "Nguyễn Văn A; Tổ dân phố 5": the name, and (a citizen's) unit or address after ";" or a tab. */
function splitLine(line: string): { name: string; label: string } {
  const [name = "", ...rest] = line.split(/[;\t]/);
  return { name: name.trim().slice(0, 300), label: rest.join(", ").trim().slice(0, LIMITS.personUnitName) };
}

/** Names pasted from a list, one a line, found among the units or people of the proposing unit. */
export function PasteNamesModal(props: PickerProps & { allowedKinds: readonly RecipientKind[] }) {
  const { t } = useTranslation();
  return (
    <AppModal
      fresh
      size="lg"
      opened={props.opened}
      onClose={props.onClose}
      title={t("commendations.pickers.pasteTitle")}
    >
      <PastePicker {...props} />
    </AppModal>
  );
}

function PastePicker({
  proposer,
  present,
  onAdd,
  onClose,
  allowedKinds,
}: PickerProps & { allowedKinds: readonly RecipientKind[] }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<RecipientKind>(
    allowedKinds.includes("individual") ? "individual" : "collective",
  );
  const [text, setText] = useState("");
  const resolve = useResolveRecipients();
  const [results, setResults] = useState<{
    kind: RecipientKind;
    lines: (ResolvedLine & { label: string })[];
  } | null>(null);
  /** Per line: the chosen match id, "citizen" (not found: add as a named person), or "" (leave out). */
  const [choices, setChoices] = useState<string[]>([]);
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const tooMany = lines.length > LIMITS.recipients;

  const find = () => {
    const parts = lines.map(splitLine).filter((p) => p.name);
    if (!parts.length || tooMany) return;
    resolve.mutate(
      { unitId: proposer.id, kind, lines: parts.map((p) => p.name) },
      {
        onSuccess: (items) => {
          const withLabels = items.map((item, i) => ({ ...item, label: parts[i]?.label ?? "" }));
          setResults({ kind, lines: withLabels });
          setChoices(
            withLabels.map((item) => {
              const [only] = item.matches;
              if (item.matches.length === 1 && only) return only.id;
              if (item.matches.length === 0 && kind === "individual") return "citizen";
              return "";
            }),
          );
        },
      },
    );
  };

  const identity = (line: ResolvedLine & { label: string }, choice: string) =>
    choice === "citizen"
      ? identityOf({ kind: "individual", personName: line.line, personUnitName: line.label })
      : results?.kind === "collective"
        ? `unit:${choice}`
        : `person:${choice}`;
  const chosen = results
    ? results.lines.flatMap((line, i) => {
        const choice = choices[i] ?? "";
        return choice && !present.has(identity(line, choice)) ? [{ line, choice }] : [];
      })
    : [];
  const found = results?.lines.filter((l) => l.matches.length === 1).length ?? 0;
  const ambiguous = results?.lines.filter((l) => l.matches.length > 1).length ?? 0;
  const missing = results?.lines.filter((l) => l.matches.length === 0).length ?? 0;

  const add = () => {
    if (!results) return;
    onAdd(
      chosen.map(({ line, choice }) => {
        if (choice === "citizen")
          return {
            key: rowKey(),
            kind: "individual" as const,
            personName: line.line,
            personUnitName: line.label,
            name: line.line,
            unitLabel: line.label,
            achievement: "",
            links: [],
          };
        const match = line.matches.find((m) => m.id === choice);
        if (!match) throw new Error("no match");
        return results.kind === "collective"
          ? collectiveRow({ id: match.id, name: match.name }, match.unitName)
          : personRow({ id: match.id, fullName: match.name, unitName: match.unitName, unitId: match.unitId });
      }),
    );
  };

  return (
    <Stack>
      {!results ? (
        <>
          {allowedKinds.length > 1 && (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="paste-kind">
                {t("commendations.pickers.pasteKind")}
              </Text>
              <SegmentedControl
                aria-labelledby="paste-kind"
                value={kind}
                onChange={(value) => setKind(value as RecipientKind)}
                data={allowedKinds.map((value) => ({ value, label: t(`commendations.kinds.${value}`) }))}
              />
            </Stack>
          )}
          <Textarea
            label={t("commendations.pickers.pasteLines")}
            description={t(
              kind === "individual"
                ? "commendations.pickers.pasteHintPeople"
                : "commendations.pickers.pasteHintUnits",
              { unit: proposer.name },
            )}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            autosize
            minRows={6}
            maxRows={14}
            error={tooMany ? t("commendations.pickers.tooMany", { max: LIMITS.recipients }) : undefined}
          />
          {resolve.isError && <ErrorAlert error={resolve.error} />}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t("commendations.pickers.lineCount", { count: lines.length })}
            </Text>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {t("common.cancel")}
              </Button>
              <Button onClick={find} loading={resolve.isPending} disabled={lines.length === 0 || tooMany}>
                {t("commendations.pickers.find")}
              </Button>
            </Group>
          </Group>
        </>
      ) : (
        <>
          <Text size="sm" role="status" aria-live="polite">
            {t("commendations.pickers.resolved", { found, ambiguous, missing })}
          </Text>
          {ambiguous > 0 && (
            <Alert color="yellow" icon={<IconAlertCircle />}>
              {t("commendations.pickers.ambiguousHint")}
            </Alert>
          )}
          <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
            <BareList ordered gap={8} aria-label={t("commendations.pickers.resultsLabel")}>
              {results.lines.map((line, i) => {
                const choice = choices[i] ?? "";
                const set = (value: string) => setChoices(choices.map((c, j) => (j === i ? value : c)));
                const listed = choice !== "" && present.has(identity(line, choice));
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines are fixed once found
                  <li key={i}>
                    {line.matches.length > 1 ? (
                      <Select
                        label={t("commendations.pickers.whichOne", { line: line.line })}
                        placeholder={t("commendations.pickers.leaveOut")}
                        data={line.matches.map((m) => ({ value: m.id, label: `${m.name} — ${m.unitName}` }))}
                        value={choice || null}
                        onChange={(value) => set(value ?? "")}
                        clearable
                        comboboxProps={{ withinPortal: true }}
                      />
                    ) : line.matches.length === 1 ? (
                      <Checkbox
                        label={line.line}
                        description={[
                          line.matches[0]?.unitName,
                          listed ? t("commendations.pickers.alreadyListed") : "",
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                        checked={choice !== ""}
                        disabled={listed}
                        onChange={(event) =>
                          set(event.currentTarget.checked ? (line.matches[0]?.id ?? "") : "")
                        }
                      />
                    ) : results.kind === "individual" ? (
                      <Checkbox
                        label={
                          <Group gap={6} component="span">
                            {line.line}
                            <Badge size="xs" color="orange" variant="light">
                              {t("commendations.pickers.notFound")}
                            </Badge>
                          </Group>
                        }
                        description={t("commendations.pickers.asCitizen", { label: line.label || "—" })}
                        checked={choice === "citizen"}
                        onChange={(event) => set(event.currentTarget.checked ? "citizen" : "")}
                      />
                    ) : (
                      <Group gap={6}>
                        <Text size="sm">{line.line}</Text>
                        <Badge size="xs" color="red" variant="light">
                          {t("commendations.pickers.notFound")}
                        </Badge>
                      </Group>
                    )}
                  </li>
                );
              })}
            </BareList>
          </ScrollArea.Autosize>
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => setResults(null)}>
              {t("commendations.pickers.editLines")}
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {t("common.cancel")}
              </Button>
              <Button onClick={add} disabled={chosen.length === 0}>
                {t("commendations.pickers.addResolved", { count: chosen.length })}
              </Button>
            </Group>
          </Group>
        </>
      )}
    </Stack>
  );
}

// A citizen ------------------------------------------------------------------------------------

/** A person of the public (not on the registry): their name and their unit or address. */
export function CitizenModal({
  opened,
  onClose,
  onAdd,
}: {
  opened: boolean;
  onClose: () => void;
  onAdd: (row: RecipientRow) => void;
}) {
  const { t } = useTranslation();
  return (
    <AppModal
      fresh
      size="lg"
      opened={opened}
      onClose={onClose}
      title={t("commendations.pickers.citizenTitle")}
    >
      <CitizenForm onClose={onClose} onAdd={onAdd} />
    </AppModal>
  );
}

function CitizenForm({ onClose, onAdd }: { onClose: () => void; onAdd: (row: RecipientRow) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [label, setLabel] = useState("");
  const [achievement, setAchievement] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const nameError = name.trim().length < 2 ? t("validation.minLength", { count: 2 }) : undefined;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // The dialog sits inside the proposal form in React's tree: its submit must not reach it.
        event.stopPropagation();
        setSubmitted(true);
        if (nameError) {
          event.currentTarget.querySelector<HTMLInputElement>("input")?.focus();
          return;
        }
        onAdd({
          key: rowKey(),
          kind: "individual",
          personName: name.trim(),
          personUnitName: label.trim(),
          name: name.trim(),
          unitLabel: label.trim(),
          achievement: achievement.trim(),
          links: [],
        });
      }}
    >
      <Stack>
        <TextInput
          label={t("commendations.pickers.citizenName")}
          required
          value={name}
          maxLength={LIMITS.personName}
          onChange={(event) => setName(event.currentTarget.value)}
          error={submitted ? nameError : undefined}
          data-autofocus
        />
        <TextInput
          label={t("commendations.pickers.citizenUnit")}
          description={t("commendations.pickers.citizenUnitHint")}
          value={label}
          maxLength={LIMITS.personUnitName}
          onChange={(event) => setLabel(event.currentTarget.value)}
        />
        <Textarea
          label={t("commendations.columns.achievement")}
          value={achievement}
          maxLength={LIMITS.achievement}
          onChange={(event) => setAchievement(event.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={8}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit">{t("commendations.pickers.addCitizen")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
