import { Loader, Select, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Unit, useUnits } from "./api";

/**
 * Picks a unit of the caller's subtree. The tree can hold many thousands of units, so the list is
 * searched on the server; rows come ordered by path and are indented by depth.
 */
export function UnitSelect({
  value,
  onChange,
  label,
  error,
  initialUnit,
  required,
}: {
  value: string | null;
  onChange: (unit: Unit | null) => void;
  label: string;
  error?: string;
  /** The unit already chosen, so its name shows before the list loads. */
  initialUnit?: { id: string; name: string } | null;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState<{ id: string; name: string } | null>(initialUnit ?? null);
  // Searching for the chosen unit's own name would hide its neighbours: show everything then.
  const query = selected && search === selected.name ? "" : search;
  const [debounced] = useDebouncedValue(query, 250);
  const units = useUnits(debounced.trim());

  const searching = debounced.trim() !== "";
  const { data, depthById, byId } = useMemo(() => {
    const items = units.data?.items ?? [];
    const minDepth = items.reduce((min, unit) => Math.min(min, unit.depth), Number.POSITIVE_INFINITY);
    const depthById = new Map(
      items.map((unit) => [unit.id, unit.depth - (Number.isFinite(minDepth) ? minDepth : 0)]),
    );
    const byId = new Map(items.map((unit) => [unit.id, unit]));
    const data = items.map((unit) => ({ value: unit.id, label: unit.name }));
    if (selected && !byId.has(selected.id)) data.unshift({ value: selected.id, label: selected.name });
    return { data, depthById, byId };
  }, [units.data, selected]);

  return (
    <Select
      label={label}
      placeholder={t("users.unitPlaceholder")}
      searchable
      required={required}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id) => {
        const unit = id ? (byId.get(id) ?? null) : null;
        setSelected(unit ? { id: unit.id, name: unit.name } : null);
        onChange(unit);
      }}
      nothingFoundMessage={units.isFetching ? t("common.loading") : t("common.noMatches")}
      rightSection={units.isFetching ? <Loader size="xs" /> : undefined}
      error={error}
      maxDropdownHeight={280}
      renderOption={({ option }) => {
        const unit = byId.get(option.value);
        // Search results come without the tree around them: name the parent, where it is known.
        const parentName =
          searching && unit
            ? (unit.parentName ?? (unit.parentId ? byId.get(unit.parentId)?.name : undefined))
            : undefined;
        return (
          <div style={{ paddingLeft: searching ? 0 : (depthById.get(option.value) ?? 0) * 14 }}>
            <Text size="sm">{option.label}</Text>
            {parentName && (
              <Text size="xs" c="dimmed">
                {parentName}
              </Text>
            )}
          </div>
        );
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
