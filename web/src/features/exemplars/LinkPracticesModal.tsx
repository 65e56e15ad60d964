import { Alert, Button, MultiSelect, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps, FormActions } from "../../components/AppModal";
import { notifySuccess } from "../../components/notify";
import { isApiError } from "../../lib/api";
import { type ExemplarDetail, useLinkPractices, useRecognisedPractices, useReloadExemplar } from "./api";

/**
 * Mô hình gắn với điển hình: picks the recognised models the exemplar built or carried, searched on
 * the server without diacritics; saving replaces the list (with the version read).
 */
export function LinkPracticesModal({
  exemplar,
  opened,
  onClose,
}: DialogProps & {
  exemplar: ExemplarDetail;
}) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t("exemplars.practices.chooseTitle")} size="lg">
      {opened && <LinkForm exemplar={exemplar} onClose={onClose} />}
    </AppModal>
  );
}

function LinkForm({ exemplar, onClose }: { exemplar: ExemplarDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const link = useLinkPractices();
  const reload = useReloadExemplar();
  const [selected, setSelected] = useState<string[]>(exemplar.practices.map((p) => p.id));
  const [known, setKnown] = useState(
    () => new Map(exemplar.practices.map((p) => [p.id, { title: p.title, unit: p.unitName }])),
  );
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const results = useRecognisedPractices(debounced, true);
  const found = results.data?.items ?? [];
  const options = new Map(known);
  for (const p of found) options.set(p.id, { title: p.title, unit: p.unit.name });
  const conflict = isApiError(link.error, "VERSION_CONFLICT");

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        link.mutate(
          { id: exemplar.id, practiceIds: selected, version: exemplar.version },
          {
            onSuccess: () => {
              notifySuccess(t("exemplars.practices.saved"));
              onClose();
            },
          },
        );
      }}
      noValidate
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t("exemplars.practices.chooseHint")}
        </Text>
        {link.isError && (
          <Alert color={conflict ? "orange" : "red"} icon={<IconAlertCircle />} role="alert">
            <Stack gap="xs" align="flex-start">
              {conflict ? t("users.conflict") : link.error.message}
              {conflict && (
                <Button
                  size="xs"
                  variant="light"
                  color="orange"
                  onClick={() => {
                    link.reset();
                    void reload(exemplar.id);
                    onClose();
                  }}
                >
                  {t("common.reload")}
                </Button>
              )}
            </Stack>
          </Alert>
        )}
        <MultiSelect
          label={t("exemplars.practices.title")}
          placeholder={t("exemplars.practices.searchPlaceholder")}
          searchable
          clearable
          data={[...options].map(([value, o]) => ({ value, label: o.title }))}
          value={selected}
          onChange={(ids) => {
            setKnown((current) => {
              const next = new Map(current);
              for (const id of ids) {
                const option = options.get(id);
                if (option) next.set(id, option);
              }
              return next;
            });
            setSelected(ids);
          }}
          searchValue={search}
          onSearchChange={setSearch}
          // The server already searched (without diacritics): show what it found.
          filter={({ options: all }) => all}
          renderOption={({ option }) => (
            <div>
              <Text size="sm">{option.label}</Text>
              <Text size="xs" c="dimmed">
                {options.get(option.value)?.unit}
              </Text>
            </div>
          )}
          nothingFoundMessage={results.isFetching ? t("common.loading") : t("common.noMatches")}
          maxValues={50}
          hidePickedOptions
          comboboxProps={{ withinPortal: true }}
          styles={{ dropdown: { maxWidth: "calc(100vw - 16px)" }, option: { overflowWrap: "anywhere" } }}
        />
        <FormActions onCancel={onClose} pending={link.isPending} submitLabel={t("common.save")} />
      </Stack>
    </form>
  );
}
