import { Anchor, Box, Button, Container, Group, Text, ThemeIcon } from "@mantine/core";
import { IconLogin, IconStarFilled } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router";
import { LanguageSwitch } from "../../../components/LanguageSwitch";
import { useSession } from "../../../lib/session";

/** The frame of the public showcase: no account needed, outside the app's navigation. */
export function PublicLayout() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <Anchor href="#public-content" className="skip-link">
        {t("a11y.skipToContent")}
      </Anchor>
      <Box
        component="header"
        bg="var(--mantine-color-body)"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Container size="lg" py="xs" px={{ base: "xs", sm: "md" }}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Anchor
              component={Link}
              to="/cong-khai/mo-hinh"
              underline="never"
              c="inherit"
              style={{ minWidth: 0 }}
            >
              <Group gap={8} wrap="nowrap">
                <ThemeIcon radius="md" size={32} aria-hidden>
                  <IconStarFilled size={18} color="var(--mantine-color-yellow-4)" />
                </ThemeIcon>
                <Text fw={700} truncate>
                  {t("app.name")}
                </Text>
              </Group>
            </Anchor>
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitch />
              <Button
                component={Link}
                to={session.data ? "/practices" : "/login"}
                variant="light"
                size="compact-md"
                leftSection={<IconLogin size={16} />}
                visibleFrom="xs"
              >
                {session.data ? t("practices.showcase.openApp") : t("login.submit")}
              </Button>
            </Group>
          </Group>
        </Container>
      </Box>
      <Container
        size="lg"
        py="md"
        px={{ base: "sm", sm: "md" }}
        component="main"
        id="public-content"
        tabIndex={-1}
        style={{ outline: "none" }}
      >
        <Outlet />
      </Container>
      <Container size="lg" py="md" px={{ base: "sm", sm: "md" }} component="footer">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="xs" c="dimmed">
            {t("app.tagline")}
          </Text>
          <Anchor component={Link} to={session.data ? "/practices" : "/login"} size="xs" hiddenFrom="xs">
            {session.data ? t("practices.showcase.openApp") : t("login.submit")}
          </Anchor>
        </Group>
      </Container>
    </Box>
  );
}
