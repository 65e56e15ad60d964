import { Anchor, AppShell, Burger, Group, NavLink, ScrollArea, Text, ThemeIcon } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { IconStarFilled } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, NavLink as RouterNavLink, useLocation } from "react-router";
import { NotificationBell } from "../features/notifications/NotificationBell";
import { can, useCurrentUser } from "../lib/session";
import { NAV_ITEMS } from "./navigation";
import { UserMenu } from "./UserMenu";

/** The frame of every signed-in page: header with the user menu, navigation by module, main area. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  // On phones the folded navigation only slides out of view: keep it out of the tab order too.
  const phone = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const navHidden = phone && !opened;
  const location = useLocation();
  const items = NAV_ITEMS.filter((item) => can(user, item.capability));

  const isActive = (path: string) =>
    path === "/"
      ? location.pathname === "/"
      : location.pathname === path || location.pathname.startsWith(`${path}/`);

  return (
    <AppShell
      data-testid="app-shell"
      header={{ height: 60 }}
      navbar={{ width: 264, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding={{ base: "sm", sm: "lg" }}
    >
      <Anchor href="#main-content" className="skip-link">
        {t("a11y.skipToContent")}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px={{ base: "xs", sm: "md" }} justify="space-between" wrap="nowrap" gap="xs">
          {/* Tight on a phone: the app's name fits whole at 360 px beside the bell and the user menu. */}
          <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t("nav.close") : t("nav.open")}
              aria-expanded={opened}
              aria-controls="main-navigation"
              style={{ minWidth: 44, minHeight: 44 }}
            />
            <Anchor component={Link} to="/" underline="never" c="inherit" style={{ minWidth: 0 }}>
              <Group gap={6} wrap="nowrap">
                <ThemeIcon radius="md" size={30} aria-hidden>
                  <IconStarFilled size={18} color="var(--mantine-color-yellow-4)" />
                </ThemeIcon>
                <Text fw={700} fz={{ base: "md", sm: "lg" }} truncate>
                  {t("app.name")}
                </Text>
              </Group>
            </Anchor>
          </Group>
          <Group gap={4} wrap="nowrap">
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id="main-navigation" aria-label={t("nav.label")} p="sm" inert={navHidden}>
        <AppShell.Section grow component={ScrollArea}>
          {items.map((item) => (
            <NavLink
              key={item.path}
              component={RouterNavLink}
              to={item.path}
              end={item.path === "/"}
              label={t(item.labelKey)}
              leftSection={<item.icon size={20} stroke={1.6} />}
              rightSection={item.badge ? <item.badge /> : undefined}
              active={isActive(item.path)}
              aria-current={isActive(item.path) ? "page" : undefined}
              onClick={close}
              py="sm"
              style={{ borderRadius: "var(--mantine-radius-md)" }}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" pt="sm">
            {t("app.tagline")}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
