import { Loader, Select, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type AdminArea, type AdminAreaName, useAdminAreas } from "./api";

/**
 * Picks one of Vietnam's 34 provinces or 3,321 communes (since 1 July 2025). The list is searched
 * on the server, without diacritics and in any word order ("ba dinh ha noi"); a commune shows its
 * province under its name.
 */
export function AdminAreaSelect({
  value,
  initialArea,
  onChange,
  label,
  description,
  error,
}: {
  value: string | null;
  /** The area already chosen, so its name shows before any search. */
  initialArea: AdminAreaName | null;
  onChange: (code: string | null) => void;
  label: string;
  description?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState<AdminAreaName | null>(initialArea);
  // Searching for the chosen area's own label would show only it: list from the start then.
  const query = selected && search === labelOf(selected) ? "" : search;
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const areas = useAdminAreas(debounced);

  const { data, byCode } = useMemo(() => {
    const items = areas.data?.items ?? [];
    const byCode = new Map<string, AdminAreaName | AdminArea>(items.map((a) => [a.code, a]));
    const data = items.map((a) => ({ value: a.code, label: labelOf(a) }));
    if (selected && value === selected.code && !byCode.has(selected.code)) {
      data.unshift({ value: selected.code, label: labelOf(selected) });
      byCode.set(selected.code, selected);
    }
    return { data, byCode };
  }, [areas.data, selected, value]);

  return (
    <Select
      label={label}
      description={description}
      placeholder={t("units.adminArea.placeholder")}
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(code) => {
        const area = code ? (byCode.get(code) ?? null) : null;
        setSelected(area);
        onChange(code);
      }}
      nothingFoundMessage={areas.isFetching ? t("common.loading") : t("common.noMatches")}
      rightSection={areas.isFetching ? <Loader size="xs" /> : undefined}
      error={error}
      maxDropdownHeight={280}
      renderOption={({ option }) => {
        const area = byCode.get(option.value);
        return (
          <div>
            <Text size="sm">{area?.fullName ?? option.label}</Text>
            <Text size="xs" c="dimmed">
              {[area?.code, area?.provinceName].filter(Boolean).join(" · ")}
            </Text>
          </div>
        );
      }}
      comboboxProps={{ withinPortal: true }}
      styles={{ dropdown: { maxWidth: "calc(100vw - 16px)" }, option: { overflowWrap: "anywhere" } }}
    />
  );
}

/** "Phường Ba Đình, Hà Nội": a commune with its province, a province alone. */
export function labelOf(area: AdminAreaName): string {
  return area.provinceName ? `${area.fullName}, ${area.provinceName}` : area.fullName;
}
