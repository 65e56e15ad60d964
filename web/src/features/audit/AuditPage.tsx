import { Autocomplete, Code, Group, SimpleGrid, Stack, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { BareList } from "../../components/BareList";
import { type Column, DataTable } from "../../components/DataTable";
import { DateField } from "../../components/DateField";
import { ClearFiltersButton, FiltersBar } from "../../components/Filters";
import { PagedList } from "../../components/PagedList";
import { PageHeader } from "../../components/PageHeader";
import { useListParams } from "../../components/useListParams";
import { formatDateTime } from "../../lib/format";
import { type AuditEntry, type AuditFilters, useAudit } from "./api";

/** Entities the server is known to audit; the field accepts any other name too. */
const KNOWN_ENTITIES = ["user", "session", "token", "unit", "system"];

const FILTER_KEYS = ["entity", "actor", "from", "to"] as const;

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { params, page, setFilter, setPage, clearFilters: clearParams } = useListParams();
  const filters: AuditFilters = {
    entity: params.get("entity") ?? "",
    actor: params.get("actor") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };

  // Typed filters wait for a pause before they query the server.
  const [entity, setEntity] = useState(filters.entity);
  const [actor, setActor] = useState(filters.actor);

  const setEntityLater = useDebouncedCallback((value: string) => setFilter("entity", value), 300);
  const setActorLater = useDebouncedCallback((value: string) => setFilter("actor", value), 300);

  const audit = useAudit(filters, page);
  const hasFilters = FILTER_KEYS.some((key) => filters[key] !== "");

  const clearFilters = () => {
    setEntityLater.cancel();
    setActorLater.cancel();
    setEntity("");
    setActor("");
    clearParams();
  };

  const actionLabel = (action: string) => {
    const key = `audit.actions.${action}`;
    return i18n.exists(key) ? t(key as "audit.actions.create") : action;
  };
  const entityLabel = (name: string) => {
    const key = `audit.entities.${name}`;
    return i18n.exists(key) ? t(key as "audit.entities.user") : name;
  };

  const columns: Column<AuditEntry>[] = [
    {
      key: "at",
      header: t("audit.at"),
      nowrap: true,
      render: (entry) => formatDateTime(entry.at),
      hideInCard: true,
    },
    {
      key: "actor",
      header: t("audit.actor"),
      nowrap: true,
      render: (entry) => entry.actorUsername ?? <Text c="dimmed">{t("audit.system")}</Text>,
    },
    {
      key: "action",
      header: t("audit.action"),
      nowrap: true,
      render: (entry) => actionLabel(entry.action),
      hideInCard: true,
    },
    { key: "entity", header: t("audit.entity"), nowrap: true, render: (entry) => entityLabel(entry.entity) },
    {
      key: "entityId",
      header: t("audit.entityId"),
      nowrap: true,
      render: (entry) =>
        entry.entityId ? (
          <Text span ff="monospace" size="xs" title={entry.entityId}>
            {shortId(entry.entityId)}
          </Text>
        ) : null,
    },
    { key: "ip", header: t("audit.ip"), nowrap: true, render: (entry) => entry.ip ?? "" },
    {
      key: "changes",
      header: t("audit.changes"),
      render: (entry) =>
        entry.changes && Object.keys(entry.changes).length > 0 ? <Changes changes={entry.changes} /> : null,
    },
  ];

  return (
    <Stack>
      <PageHeader title={t("audit.title")} description={t("audit.description")} />
      <FiltersBar label={t("audit.filters")}>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Autocomplete
            label={t("audit.entity")}
            placeholder={t("audit.entityPlaceholder")}
            data={KNOWN_ENTITIES.map((name) => ({ value: name, label: entityLabel(name) }))}
            value={entity}
            onChange={(value) => {
              setEntity(value);
              setEntityLater(value.trim());
            }}
            size="md"
            clearable
          />
          <TextInput
            label={t("audit.actor")}
            placeholder={t("audit.actorPlaceholder")}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={actor}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setActor(value);
              setActorLater(value.trim());
            }}
          />
          <DateField
            label={t("audit.from")}
            value={filters.from}
            onChange={(value) => setFilter("from", value)}
          />
          <DateField label={t("audit.to")} value={filters.to} onChange={(value) => setFilter("to", value)} />
        </SimpleGrid>
        {hasFilters && (
          <Group justify="flex-end" mt="sm">
            <ClearFiltersButton label={t("audit.clearFilters")} onClick={clearFilters} />
          </Group>
        )}
      </FiltersBar>

      <PagedList
        query={audit}
        empty={hasFilters ? t("common.noMatches") : undefined}
        page={page}
        onPage={setPage}
      >
        {(data) => (
          <DataTable
            label={t("audit.title")}
            rows={data.items}
            columns={columns}
            rowKey={(entry) => entry.id}
            cardTitle={(entry) => `${formatDateTime(entry.at)} · ${actionLabel(entry.action)}`}
            minWidth={900}
          />
        )}
      </PagedList>
    </Stack>
  );
}

/** Ids are UUIDv7: the start is a timestamp shared by neighbours, the end tells them apart. */
function shortId(id: string): string {
  return id.length > 12 ? `…${id.slice(-8)}` : id;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function showValue(value: unknown): string {
  if (value === null || value === undefined) return "∅";
  if (typeof value === "string") {
    if (value === "") return '""';
    return ISO_DATE_TIME.test(value) ? formatDateTime(value) : value;
  }
  return JSON.stringify(value);
}

/**
 * Each changed field as `field: before → after`; a field that had no value before (a creation)
 * shows only its new value.
 */
function Changes({ changes }: { changes: AuditEntry["changes"] }) {
  const { t } = useTranslation();
  const entries = Object.entries(changes ?? {});
  if (entries.length === 0) return null;
  return (
    <BareList gap={4}>
      {entries.map(([field, change]) => {
        const hadValue = change?.before !== null && change?.before !== undefined;
        return (
          <Text component="li" key={field} size="xs" style={{ overflowWrap: "anywhere" }}>
            <Text span size="xs" fw={600}>
              {field}:
            </Text>{" "}
            {hadValue && (
              <>
                <Code>{showValue(change?.before)}</Code>{" "}
                <Text span size="xs" aria-hidden>
                  →
                </Text>
                <VisuallyHidden component="span">{t("audit.becomes")}</VisuallyHidden>{" "}
              </>
            )}
            <Code>{showValue(change?.after)}</Code>
          </Text>
        );
      })}
    </BareList>
  );
}
