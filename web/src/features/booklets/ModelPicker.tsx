import {
  Button,
  Checkbox,
  Group,
  Image,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconListCheck, IconSearch } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { BareList } from "../../components/BareList";
import { ClearFiltersButton } from "../../components/Filters";
import { PagedList } from "../../components/PagedList";
import { formatDate } from "../../lib/format";
import { useUnitKinds } from "../units/api";
import {
  MAX_BOOKLET_MODELS,
  type ModelFilters,
  type PickableModel,
  useCampaignFields,
  useRecognisedModels,
} from "./api";

const FIRST_YEAR = 2011; // Chỉ thị 03-CT/TW
const years = () => {
  const last = new Date().getFullYear() + 1;
  return Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => String(last - i));
};

/**
 * Recognised models to choose from: search (without diacritics), field, level of recognition and
 * year, a page at a time, each with a checkbox; "choose all on this page" takes a filtered page at once.
 */
export function ModelPicker({
  chosen,
  onAdd,
  onRemove,
}: {
  chosen: ReadonlySet<string>;
  onAdd: (models: PickableModel[]) => void;
  onRemove: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const english = i18n.resolvedLanguage === "en";
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 300);
  const [filters, setFilters] = useState<Omit<ModelFilters, "q">>({
    field: null,
    level: null,
    year: null,
    page: 1,
  });
  const [lastQ, setLastQ] = useState(q);
  if (q !== lastQ) {
    setLastQ(q);
    setFilters((f) => ({ ...f, page: 1 }));
  }
  const models = useRecognisedModels({ ...filters, q });
  const fields = useCampaignFields();
  const kinds = useUnitKinds();
  const set = (patch: Partial<Omit<ModelFilters, "q" | "page">>) =>
    setFilters((f) => ({ ...f, ...patch, page: 1 }));
  const full = chosen.size >= MAX_BOOKLET_MODELS;
  const filtered = Boolean(search || filters.field || filters.level || filters.year);
  const unchosen = (models.data?.items ?? []).filter((m) => !chosen.has(m.id));

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: "sm", sm: "md" }}
      component="section"
      aria-labelledby="picker-title"
    >
      <Stack gap="sm">
        <Title order={2} fz="h4" id="picker-title">
          {t("booklets.picker.title")}
        </Title>
        <TextInput
          type="search"
          label={t("booklets.picker.search")}
          placeholder={t("booklets.picker.searchPlaceholder")}
          leftSection={<IconSearch size={18} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <Select
            label={t("booklets.picker.field")}
            placeholder={t("booklets.picker.allFields")}
            clearable
            data={(fields.data?.items ?? []).map((f) => ({
              value: f.code,
              label: english ? f.nameEn : f.name,
            }))}
            value={filters.field}
            onChange={(value) => set({ field: value })}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t("booklets.picker.level")}
            placeholder={t("booklets.picker.allLevels")}
            clearable
            data={(kinds.data?.items ?? []).map((k) => ({
              value: k.code,
              label: english ? k.nameEn : k.name,
            }))}
            value={filters.level}
            onChange={(value) => set({ level: value })}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t("booklets.picker.year")}
            placeholder={t("booklets.picker.allYears")}
            clearable
            data={years()}
            value={filters.year}
            onChange={(value) => set({ year: value })}
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        <Group gap="sm">
          <Button
            variant="light"
            leftSection={<IconListCheck size={18} />}
            disabled={unchosen.length === 0 || full}
            onClick={() => onAdd(unchosen)}
          >
            {t("booklets.picker.addPage")}
          </Button>
          {filtered && (
            <ClearFiltersButton
              label={t("booklets.picker.clear")}
              iconSize={18}
              onClick={() => {
                setSearch("");
                setFilters({ field: null, level: null, year: null, page: 1 });
              }}
            />
          )}
        </Group>
        {full && (
          <Text size="sm" c="orange">
            {t("booklets.chosen.max", { max: MAX_BOOKLET_MODELS })}
          </Text>
        )}
        <PagedList
          query={models}
          empty={t("booklets.picker.empty")}
          rows={4}
          page={filters.page}
          onPage={(page) => setFilters((f) => ({ ...f, page }))}
        >
          {(data) => (
            <BareList gap={6} aria-label={t("booklets.picker.label")} aria-busy={models.isFetching}>
              {data.items.map((model) => {
                const checked = chosen.has(model.id);
                return (
                  <Paper component="li" key={model.id} withBorder radius="md" p="xs">
                    <Group gap="sm" wrap="nowrap" align="flex-start">
                      <Checkbox
                        size="md"
                        mt={2}
                        checked={checked}
                        disabled={!checked && full}
                        onChange={(event) =>
                          event.currentTarget.checked ? onAdd([model]) : onRemove(model.id)
                        }
                        label={
                          <Text fw={600} size="sm">
                            {model.title}
                          </Text>
                        }
                        description={pickerNote(t, model)}
                        styles={{ body: { alignItems: "flex-start" }, labelWrapper: { minWidth: 0 } }}
                        style={{ flex: 1, minWidth: 0, overflowWrap: "anywhere" }}
                      />
                      {model.cover?.thumbUrl && (
                        <Image
                          src={model.cover.thumbUrl}
                          alt=""
                          w={56}
                          h={56}
                          miw={56}
                          radius="sm"
                          fit="cover"
                          loading="lazy"
                        />
                      )}
                    </Group>
                  </Paper>
                );
              })}
            </BareList>
          )}
        </PagedList>
      </Stack>
    </Paper>
  );
}

function pickerNote(t: TFunction, model: PickableModel) {
  return [
    model.unit.name,
    model.field.name,
    model.recognisedBy
      ? t("booklets.picker.recognisedBy", {
          unit: model.recognisedBy.name,
          date: formatDate(model.recognisedOn),
        })
      : "",
  ]
    .filter(Boolean)
    .join(" · ");
}
