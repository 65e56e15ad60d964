import { Text } from "@mantine/core";
import { IconBulb } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "../../../components/Filters";
import { ShowcaseCard, ShowcasePage, useShowcaseSearch } from "../../../components/recognition/Showcase";
import { useListParams } from "../../../components/useListParams";
import { type PublicPractice, usePublicFields, usePublicPractices } from "../api";

/** Trang giới thiệu công khai: recognised models their reviewers chose to show, for anyone. */
export function PublicPracticesPage() {
  const { t, i18n } = useTranslation();
  const { params, setFilter } = useListParams();
  const field = params.get("field") ?? "";
  const lang = i18n.resolvedLanguage ?? "vi";
  const fields = usePublicFields(lang);
  const search = useShowcaseSearch();
  const list = usePublicPractices({ q: search.q, field }, search.page, lang);
  return (
    <ShowcasePage
      area="practices"
      search={search}
      list={list}
      searchPlaceholder={t("practices.searchPlaceholder")}
      filtered={field !== ""}
      filter={
        <FilterSelect
          label={t("practices.field")}
          placeholder={t("practices.allFields")}
          data={(fields.data ?? []).map((f) => ({ value: f.code, label: f.name }))}
          value={field}
          onChange={(value) => setFilter("field", value)}
          style={{ flex: "1 1 220px" }}
        />
      }
      card={(practice) => <PublicCard key={practice.id} practice={practice} />}
    />
  );
}

function PublicCard({ practice }: { practice: PublicPractice }) {
  const { t } = useTranslation();
  return (
    <ShowcaseCard
      to={`/cong-khai/mo-hinh/${practice.id}`}
      title={practice.title}
      imageUrl={practice.imageUrl}
      imageHeight={180}
      icon={(color) => <IconBulb size={40} color={color} />}
      tint={{ back: "var(--mantine-color-gray-1)", icon: "var(--mantine-color-gray-5)" }}
    >
      <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
        {practice.unitName}
      </Text>
      {practice.recognisedByName && (
        <Text size="xs" c="dimmed">
          {t("practices.showcase.recognisedBy", { unit: practice.recognisedByName })}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {practice.field.name}
      </Text>
      {practice.summary && (
        <Text size="sm" lineClamp={3}>
          {practice.summary}
        </Text>
      )}
    </ShowcaseCard>
  );
}
