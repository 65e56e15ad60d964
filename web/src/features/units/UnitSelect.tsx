import { Loader, Select, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type UnitItem, useUnitOptions } from "./api";
import { CLOSED_UNIT_COLOR } from "./UnitStatusBadge";

/** The unit handed to `onChange`: a row of the list, or just the id and name of the unit shown. */
export type PickedUnit = Pick<UnitItem, "id" | "name"> & Partial<UnitItem>;

/**
 * Picks a unit of the caller's subtree. The tree can hold many thousands of units, so the list is
 * searched on the server (accent-insensitive); rows come ordered by path and are indented by depth.
 */
export function UnitSelect({
  value,
  onChange,
  label,
  error,
  initialUnit,
  required,
  placeholder,
  description,
  clearable,
  activeOnly,
  excludeIds,
}: {
  value: string | null;
  onChange: (unit: PickedUnit | null) => void;
  label: string;
  error?: string;
  /** The unit already chosen, so its name shows before the list loads. */
  initialUnit?: { id: string; name: string } | null;
  required?: boolean;
  placeholder?: string;
  description?: string;
  clearable?: boolean;
  /** Leave out merged and dissolved units (nothing can be placed in them). */
  activeOnly?: boolean;
  /** Units that make no sense here (the unit being moved, its current parent). */
  excludeIds?: readonly string[];
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState<{ id: string; name: string; label?: string } | null>(
    initialUnit ?? null,
  );
  const [lastInitial, setLastInitial] = useState(initialUnit ?? null);
  if ((initialUnit?.id ?? null) !== (lastInitial?.id ?? null) || initialUnit?.name !== lastInitial?.name) {
    // The chosen unit became known (its name loaded) or was reset from outside.
    setLastInitial(initialUnit ?? null);
    setSelected(initialUnit ?? null);
  }
  // Searching for the chosen unit's own name would hide its neighbours: show everything then.
  const query = selected && (search === selected.name || search === selected.label) ? "" : search;
  const [debounced] = useDebouncedValue(query, 250);
  const units = useUnitOptions(debounced.trim());

  const searching = debounced.trim() !== "";
  const { data, depthById, byId } = useMemo(() => {
    const excluded = new Set(excludeIds ?? []);
    const items = (units.data?.items ?? []).filter(
      (unit) => !excluded.has(unit.id) && (!activeOnly || unit.status === "active"),
    );
    const minDepth = items.reduce((min, unit) => Math.min(min, unit.depth), Number.POSITIVE_INFINITY);
    const depthById = new Map(
      items.map((unit) => [unit.id, unit.depth - (Number.isFinite(minDepth) ? minDepth : 0)]),
    );
    const byId = new Map(items.map((unit) => [unit.id, unit]));
    // Two cells may share a name ("Chi bộ Văn phòng" in two communes): those are labelled with
    // their parent, in the list and in the field once chosen.
    const named = new Map<string, number>();
    for (const unit of items) named.set(unit.name, (named.get(unit.name) ?? 0) + 1);
    const labelOf = (unit: UnitItem) => {
      const parent = unit.parentName ?? (unit.parentId ? byId.get(unit.parentId)?.name : undefined);
      return (named.get(unit.name) ?? 0) > 1 && parent ? `${unit.name} (${parent})` : unit.name;
    };
    const data = items.map((unit) => ({ value: unit.id, label: labelOf(unit) }));
    if (selected && value === selected.id && !byId.has(selected.id))
      data.unshift({ value: selected.id, label: selected.label ?? selected.name });
    return { data, depthById, byId };
  }, [units.data, selected, value, excludeIds, activeOnly]);

  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder ?? t("users.unitPlaceholder")}
      searchable
      clearable={clearable}
      required={required}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id) => {
        const unit: PickedUnit | null = id
          ? (byId.get(id) ?? (selected?.id === id ? selected : { id, name: "" }))
          : null;
        const label = data.find((option) => option.value === id)?.label;
        setSelected(unit ? { id: unit.id, name: unit.name, ...(label ? { label } : {}) } : null);
        onChange(unit);
      }}
      nothingFoundMessage={units.isFetching ? t("common.loading") : t("common.noMatches")}
      rightSection={units.isFetching ? <Loader size="xs" /> : undefined}
      error={error}
      maxDropdownHeight={280}
      renderOption={({ option }) => {
        const unit = byId.get(option.value);
        // Search results come without the tree around them: name the parent and the code.
        const parentName =
          searching && unit
            ? (unit.parentName ?? (unit.parentId ? byId.get(unit.parentId)?.name : undefined))
            : undefined;
        const closed = unit && unit.status !== "active";
        return (
          <div style={{ paddingLeft: searching ? 0 : (depthById.get(option.value) ?? 0) * 14 }}>
            <Text size="sm" c={closed ? CLOSED_UNIT_COLOR : undefined}>
              {option.label}
              {closed ? ` (${t(`units.statuses.${unit.status}`)})` : ""}
            </Text>
            {(parentName || (searching && unit?.code)) && (
              <Text size="xs" c="dimmed">
                {[unit?.code, parentName].filter(Boolean).join(" · ")}
              </Text>
            )}
          </div>
        );
      }}
      comboboxProps={{ withinPortal: true }}
      // Long unit names must not push the dropdown past a phone's edge while it is being placed
      // (the page would then widen and the dialog around the field jump).
      styles={{ dropdown: { maxWidth: "calc(100vw - 16px)" }, option: { overflowWrap: "anywhere" } }}
    />
  );
}
