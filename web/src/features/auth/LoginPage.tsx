import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconAlertCircle, IconStarFilled } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, type Location, Navigate, useLocation } from "react-router";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { PageLoader } from "../../components/ListStates";
import { isApiError } from "../../lib/api";
import { useLogin, useSession } from "../../lib/session";

function retryAfterMinutes(error: unknown): number | null {
  if (!isApiError(error, "ACCOUNT_LOCKED")) return null;
  const details = error.details as { retryAfterSeconds?: unknown } | null | undefined;
  const seconds = typeof details?.retryAfterSeconds === "number" ? details.retryAfterSeconds : null;
  return seconds === null ? null : Math.max(1, Math.ceil(seconds / 60));
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t("login.title")} · ${t("app.name")}`);
  const session = useSession();
  const login = useLogin();
  const location = useLocation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [touched, setTouched] = useState(false);

  const from = (location.state as { from?: Location } | null)?.from;
  const target = from && from.pathname !== "/login" ? `${from.pathname}${from.search}${from.hash}` : "/";

  if (session.isPending) return <PageLoader />;
  if (session.data) return <Navigate to={target} replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(true);
    if (!username.trim() || !password) return;
    login.mutate({ username: username.trim(), password });
  };

  const lockedMinutes = retryAfterMinutes(login.error);

  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <Group justify="flex-end" p="sm">
        <LanguageSwitch />
      </Group>
      <Center px="sm" pb="xl">
        <Box component="main" w="100%" maw={420}>
          <Stack align="center" gap={6} mb="lg">
            <ThemeIcon size={56} radius="xl" aria-hidden>
              <IconStarFilled size={30} color="var(--mantine-color-yellow-4)" />
            </ThemeIcon>
            <Title order={1} ta="center" fz={{ base: "h2", sm: "h1" }}>
              {t("app.name")}
            </Title>
            <Text c="dimmed" ta="center" size="sm">
              {t("app.tagline")}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" p={{ base: "md", sm: "xl" }} radius="md">
            <form onSubmit={submit} noValidate aria-labelledby="login-heading">
              <Stack>
                <Title order={2} fz="h3" id="login-heading">
                  {t("login.title")}
                </Title>
                {login.isError && (
                  <Alert color="red" icon={<IconAlertCircle />} role="alert" data-testid="login-error">
                    {login.error.message}
                    {lockedMinutes !== null && ` ${t("login.retryAfter", { count: lockedMinutes })}`}
                  </Alert>
                )}
                <TextInput
                  label={t("login.username")}
                  name="username"
                  autoComplete="username"
                  autoCapitalize="none"
                  autoCorrect="off"
                  spellCheck={false}
                  required
                  value={username}
                  onChange={(event) => setUsername(event.currentTarget.value)}
                  error={touched && !username.trim() ? t("validation.required") : undefined}
                  data-autofocus
                />
                <PasswordInput
                  label={t("login.password")}
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  error={touched && !password ? t("validation.required") : undefined}
                  visibilityToggleButtonProps={{
                    "aria-label": t("login.togglePassword"),
                  }}
                />
                <Button type="submit" size="md" fullWidth loading={login.isPending}>
                  {t("login.submit")}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Text ta="center" size="sm" mt="md">
            <Anchor component={Link} to="/cong-khai/mo-hinh">
              {t("practices.showcase.loginLink")}
            </Anchor>
          </Text>
        </Box>
      </Center>
    </Box>
  );
}
