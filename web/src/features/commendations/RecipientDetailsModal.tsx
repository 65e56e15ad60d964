import { ActionIcon, Badge, Button, Group, Select, Stack, Text, Textarea } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconTrash } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../components/AppModal";
import { BareList } from "../../components/BareList";
import { api, type Page } from "../../lib/api";
import { LIMITS, type LinkType, type RecipientLink } from "./api";
import { linkTypesFor, type RecipientRow } from "./rows";

/** The achievement of one recipient, and the recognised models, exemplars or commitments behind it. */
export function RecipientDetailsModal({
  row,
  period,
  onClose,
  onSave,
}: {
  row: RecipientRow | null;
  period: { start: number; end: number };
  onClose: () => void;
  onSave: (patch: Pick<RecipientRow, "achievement" | "links">) => void;
}) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={row !== null}
      onClose={onClose}
      title={row ? t("commendations.details.title", { name: row.name }) : ""}
      size="lg"
    >
      {row && <DetailsForm key={row.key} row={row} period={period} onClose={onClose} onSave={onSave} />}
    </AppModal>
  );
}

function DetailsForm({
  row,
  period,
  onClose,
  onSave,
}: {
  row: RecipientRow;
  period: { start: number; end: number };
  onClose: () => void;
  onSave: (patch: Pick<RecipientRow, "achievement" | "links">) => void;
}) {
  const { t } = useTranslation();
  const [achievement, setAchievement] = useState(row.achievement);
  const [links, setLinks] = useState<RecipientLink[]>(row.links);
  const full = links.length >= LIMITS.links;
  const addLink = (link: RecipientLink) => {
    if (full || links.some((l) => l.type === link.type && l.id === link.id)) return;
    setLinks([...links, link]);
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // The dialog sits inside the proposal form in React's tree: its submit must not reach it.
        event.stopPropagation();
        onSave({ achievement: achievement.trim(), links });
      }}
    >
      <Stack>
        <Textarea
          label={t("commendations.columns.achievement")}
          value={achievement}
          maxLength={LIMITS.achievement}
          onChange={(event) => setAchievement(event.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          data-autofocus
        />
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t("commendations.details.links")}
          </Text>
          {links.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("commendations.details.noLinks")}
            </Text>
          ) : (
            <BareList gap={4}>
              {links.map((link) => (
                <Group component="li" key={`${link.type}-${link.id}`} gap="xs" wrap="nowrap">
                  <Badge size="sm" variant="light">
                    {t(`commendations.linkTypes.${link.type}`)}
                  </Badge>
                  <Text size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: "anywhere" }}>
                    {link.title}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => setLinks(links.filter((l) => l !== link))}
                    aria-label={t("commendations.details.removeLink", { title: link.title })}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
            </BareList>
          )}
        </Stack>
        {linkTypesFor(row).map((type) =>
          type === "commitment" ? (
            <CommitmentPicker key={type} row={row} period={period} disabled={full} onPick={addLink} />
          ) : (
            <RecordPicker key={type} type={type} disabled={full} onPick={addLink} />
          ),
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit">{t("commendations.details.apply")}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A recognised model (mô hình) or exemplar (điển hình), searched by its title. */
function RecordPicker({
  type,
  disabled,
  onPick,
}: {
  type: Exclude<LinkType, "commitment">;
  disabled: boolean;
  onPick: (link: RecipientLink) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const records = useQuery({
    queryKey: ["commendations", "pick", type, debounced],
    queryFn: ({ signal }) =>
      api<Page<{ id: string; title: string }>>(type === "practice" ? "/practices" : "/exemplars", {
        query: { status: "recognised", q: debounced, pageSize: 20 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const items = records.data?.items ?? [];
  return (
    <Select
      label={t(`commendations.details.add.${type}`)}
      placeholder={t("commendations.details.searchPlaceholder")}
      searchable
      disabled={disabled}
      data={items.map((r) => ({ value: r.id, label: r.title }))}
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={records.isFetching ? t("common.loading") : t("common.noMatches")}
      onChange={(id) => {
        const record = items.find((r) => r.id === id);
        if (record) onPick({ type, id: record.id, title: record.title });
        setSearch("");
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** The person's submitted commitments (bản cam kết) in the years of the period. */
function CommitmentPicker({
  row,
  period,
  disabled,
  onPick,
}: {
  row: RecipientRow;
  period: { start: number; end: number };
  disabled: boolean;
  onPick: (link: RecipientLink) => void;
}) {
  const { t } = useTranslation();
  const unitId = row.personUnitId;
  const years = Array.from(
    { length: Math.max(0, Math.min(period.end - period.start, 10)) + 1 },
    (_, i) => period.start + i,
  );
  const commitments = useQuery({
    queryKey: ["commendations", "pick", "commitments", unitId, row.personId, years],
    queryFn: async ({ signal }) => {
      const found: { id: string; year: number }[] = [];
      for (const year of years) {
        const page = await api<
          Page<{ personId: string; commitmentId: string | null; status: string | null }>
        >(`/units/${encodeURIComponent(unitId ?? "")}/commitments`, {
          query: { year, pageSize: 200 },
          signal,
        });
        for (const item of page.items)
          if (item.personId === row.personId && item.commitmentId && item.status && item.status !== "draft")
            found.push({ id: item.commitmentId, year });
      }
      return found;
    },
    enabled: Boolean(unitId && row.personId),
    retry: false,
  });
  if (!unitId) return null;
  const items = commitments.data ?? [];
  return (
    <Select
      label={t("commendations.details.add.commitment")}
      placeholder={
        commitments.isPending
          ? t("common.loading")
          : items.length
            ? t("commendations.details.pickCommitment")
            : t("commendations.details.noCommitments")
      }
      disabled={disabled || items.length === 0}
      data={items.map((c) => ({
        value: c.id,
        label: t("commendations.details.commitmentOf", { year: c.year }),
      }))}
      value={null}
      onChange={(id) => {
        const item = items.find((c) => c.id === id);
        if (item)
          onPick({
            type: "commitment",
            id: item.id,
            title: t("commendations.details.commitmentOf", { year: item.year }),
          });
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
