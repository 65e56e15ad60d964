import { Group, Pagination, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";

/**
 * Server-side pagination: the range shown and the page controls, with spoken labels. An estimated
 * total (a list of the country's members) reads "khoảng …".
 */
export function Pager({
  page,
  pageSize,
  total,
  estimate = false,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The total is the server's estimate (totalIsEstimate): said as "khoảng …". */
  estimate?: boolean | undefined;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery("(max-width: 36em)", false, { getInitialValueInEffect: false });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const controlLabels = {
    first: t("pager.first"),
    previous: t("pager.previous"),
    next: t("pager.next"),
    last: t("pager.last"),
  };
  return (
    <Group justify="space-between" gap="sm" wrap="wrap" component="nav" aria-label={t("pager.label")}>
      <Text size="sm" c="dimmed" aria-live="polite">
        {t(estimate ? "pager.rangeEstimate" : "pager.range", { from, to, total })}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={onChange}
          siblings={narrow ? 0 : 1}
          boundaries={1}
          getControlProps={(control) => ({ "aria-label": controlLabels[control] })}
          getItemProps={(item) => ({
            "aria-label": t("pager.page", { page: item }),
            "aria-current": item === page ? "page" : undefined,
          })}
        />
      )}
    </Group>
  );
}
