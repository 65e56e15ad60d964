import { Select, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RecognitionArea } from "../../components/recognition/ReviewModal";
import { usePeople } from "../people/api";

const PERSON_KEYS = {
  practices: {
    label: "practices.person",
    hint: "practices.personHint",
    placeholder: "practices.personPlaceholder",
    chooseUnitFirst: "practices.chooseUnitFirst",
  },
  exemplars: {
    label: "exemplars.form.person",
    hint: "exemplars.form.personHint",
    placeholder: "exemplars.form.personPlaceholder",
    chooseUnitFirst: "exemplars.form.chooseUnitFirst",
  },
} as const;

/**
 * The person a model or nomination is about: a member of the chosen unit's subtree (only active ones
 * with `activeOnly`), searched on the server (accent-insensitive).
 */
export function PersonSelect({
  area,
  activeOnly = false,
  unitId,
  value,
  initial,
  onChange,
  error,
}: {
  area: RecognitionArea;
  activeOnly?: boolean;
  unitId: string | null;
  value: string | null;
  initial: { id: string; fullName: string } | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(initial?.fullName ?? "");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [chosen, setChosen] = useState(initial);
  const query = chosen && debounced === chosen.fullName ? "" : debounced;
  const people = usePeople({ unitId: unitId ?? "", q: query, status: activeOnly ? "active" : "" }, 1);
  const data = (people.data?.items ?? []).map((person) => ({
    value: person.id,
    label: person.fullName,
    unit: person.unitName,
  }));
  if (chosen && value === chosen.id && !data.some((option) => option.value === chosen.id))
    data.unshift({ value: chosen.id, label: chosen.fullName, unit: "" });
  const units = new Map(data.map((option) => [option.value, option.unit]));
  return (
    <Select
      label={t(PERSON_KEYS[area].label)}
      description={t(PERSON_KEYS[area].hint)}
      placeholder={unitId ? t(PERSON_KEYS[area].placeholder) : t(PERSON_KEYS[area].chooseUnitFirst)}
      required
      searchable
      disabled={!unitId}
      data={data.map(({ value: id, label }) => ({ value: id, label }))}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id) => {
        const option = data.find((item) => item.value === id);
        setChosen(option ? { id: option.value, fullName: option.label } : null);
        onChange(id);
      }}
      renderOption={({ option }) => (
        <div>
          <Text size="sm">{option.label}</Text>
          {units.get(option.value) && (
            <Text size="xs" c="dimmed">
              {units.get(option.value)}
            </Text>
          )}
        </div>
      )}
      nothingFoundMessage={people.isFetching ? t("common.loading") : t("common.noMatches")}
      error={error}
      comboboxProps={{ withinPortal: true }}
      styles={{ dropdown: { maxWidth: "calc(100vw - 16px)" } }}
    />
  );
}
