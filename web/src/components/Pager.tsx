import { Group, Pagination, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";

/**
 * Server-side pagination: the range shown and the page controls, with spoken labels. An estimated
 * total (a list of the country's members) reads "khoảng …".
 */
/** What a list page tells of the whole list. */
interface Counts {
  total: number;
  totalIsEstimate?: boolean | undefined;
  pageSize: number;
}

export function Pager({
  page,
  onChange,
  ...counts
}: {
  page: number;
  onChange: (page: number) => void;
} & (
  | {
      /** The page of the list: its total, whether that is the server's estimate (said "khoảng …"), its size. */
      of: Counts;
      /** Instead of the page's own size. */
      pageSize?: number;
    }
  | { pageSize: number; total: number; estimate?: boolean | undefined }
)) {
  const pageSize = counts.pageSize ?? ("of" in counts ? counts.of.pageSize : 0);
  const total = "of" in counts ? counts.of.total : counts.total;
  const estimate = ("of" in counts ? counts.of.totalIsEstimate : counts.estimate) ?? false;
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
