import {
  Avatar,
  Box,
  Group,
  Menu,
  Stack,
  Text,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
  VisuallyHidden,
} from "@mantine/core";
import {
  IconCheck,
  IconChevronDown,
  IconLogout,
  IconMoon,
  IconSun,
  IconUserCircle,
} from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LANGUAGE_NAMES } from "../components/LanguageSwitch";
import { currentLocale, LOCALES } from "../lib/i18n";
import { useCurrentUser, useLogout, useSwitchLocale } from "../lib/session";

/** Vietnamese initials: family name and given name ("Đỗ Minh Quang" → "ĐQ"). */
function initials(name: string): string {
  const words = name.normalize("NFC").trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? "";
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? "") : "";
  return `${first}${last}`.toUpperCase() || "?";
}

export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  const switchLocale = useSwitchLocale();
  const { setColorScheme } = useMantineColorScheme();
  const colorScheme = useComputedColorScheme("light");
  const locale = currentLocale();

  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal floatingStrategy="fixed">
      <Menu.Target>
        {/* Named by what it shows (no aria-label that could differ from the visible text, WCAG 2.5.3):
            the name and role from the small breakpoint up, the name alone (hidden) on phones. */}
        <UnstyledButton
          data-testid="user-menu"
          px="xs"
          py={6}
          style={{ borderRadius: "var(--mantine-radius-md)", minHeight: 44 }}
        >
          <Group gap="xs" wrap="nowrap">
            <Avatar color="red" radius="xl" size={32} aria-hidden>
              {initials(user.displayName)}
            </Avatar>
            <Stack gap={0} visibleFrom="sm" style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate maw={200}>
                {user.displayName}
              </Text>
              <Text size="xs" c="dimmed" truncate maw={200}>
                {t(`roles.${user.role}`)}
              </Text>
            </Stack>
            <Box hiddenFrom="sm">
              <VisuallyHidden>{user.displayName}</VisuallyHidden>
            </Box>
            <VisuallyHidden>{t("userMenu.open")}</VisuallyHidden>
            <IconChevronDown size={16} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Stack gap={2} px="sm" py="xs">
          <Text fw={600} size="sm" data-testid="user-display-name">
            {user.displayName}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`roles.${user.role}`)}
          </Text>
          <Text size="xs" c="dimmed">
            {user.unitName}
          </Text>
        </Stack>
        <Menu.Divider />
        <Menu.Label>{t("language.label")}</Menu.Label>
        {LOCALES.map((code) => (
          <Menu.Item
            key={code}
            lang={code}
            data-testid={`lang-${code}`}
            aria-current={locale === code ? "true" : undefined}
            rightSection={locale === code ? <IconCheck size={16} aria-hidden /> : null}
            onClick={() => switchLocale.mutate(code)}
          >
            {LANGUAGE_NAMES[code]}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          leftSection={colorScheme === "dark" ? <IconSun size={16} /> : <IconMoon size={16} />}
          onClick={() => setColorScheme(colorScheme === "dark" ? "light" : "dark")}
          data-testid="theme-toggle"
        >
          {colorScheme === "dark" ? t("theme.light") : t("theme.dark")}
        </Menu.Item>
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} />}>
          {t("nav.account")}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() => logout.mutate()}
          data-testid="logout"
        >
          {t("userMenu.logout")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
