import { Anchor, Breadcrumbs, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/**
 * Where a unit sits, from the caller's own unit down (the server leaves out what lies above it).
 * The last crumb is the current page.
 */
export function UnitBreadcrumb({
  crumbs,
  linkTo = (id) => `/units/${id}`,
}: {
  crumbs: readonly { id: string; name: string }[];
  linkTo?: (id: string) => string;
}) {
  const { t } = useTranslation();
  const items = [
    <Anchor key="root" component={Link} to="/units" size="sm">
      {t("nav.units")}
    </Anchor>,
    ...crumbs.map((crumb, index) =>
      index === crumbs.length - 1 ? (
        <Text key={crumb.id} size="sm" aria-current="page" fw={500} style={{ overflowWrap: "anywhere" }}>
          {crumb.name}
        </Text>
      ) : (
        <Anchor
          key={crumb.id}
          component={Link}
          to={linkTo(crumb.id)}
          size="sm"
          style={{ overflowWrap: "anywhere" }}
        >
          {crumb.name}
        </Anchor>
      ),
    ),
  ];
  return (
    <nav aria-label={t("units.breadcrumb")}>
      <Breadcrumbs separatorMargin={6} style={{ flexWrap: "wrap", rowGap: 4 }}>
        {items}
      </Breadcrumbs>
    </nav>
  );
}
