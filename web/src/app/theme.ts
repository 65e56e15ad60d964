import {
  ActionIcon,
  Badge,
  Button,
  type CSSVariablesResolver,
  createTheme,
  FileInput,
  type MantineColorsTuple,
  MultiSelect,
  PasswordInput,
  Select,
  TextInput,
} from "@mantine/core";

/** A deep red, close to the party flag, from light to dark. */
const partyRed: MantineColorsTuple = [
  "#ffeaec",
  "#fcd4d7",
  "#f4a7ac",
  "#ed777f",
  "#e74f59",
  "#e33540",
  "#e22633",
  "#c91826",
  "#b41021",
  "#9d031b",
];

// Inputs and buttons a size up from Mantine's default: many users read on phones, some are older.
// Made for a language: the clear buttons of selects are named in it (they are icons only).
export const themeFor = (clearLabel: string) =>
  createTheme({
    primaryColor: "partyRed",
    primaryShade: { light: 7, dark: 6 },
    colors: { partyRed },
    defaultRadius: "md",
    cursorType: "pointer",
    focusRing: "auto",
    fontFamily:
      "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
    headings: { fontWeight: "700" },
    components: {
      Button: Button.extend({ defaultProps: { size: "sm" } }),
      // Capitals strip the reading aid of mixed case from Vietnamese words; keep badges as written.
      Badge: Badge.extend({ styles: { root: { textTransform: "none" } }, defaultProps: { size: "md" } }),
      TextInput: TextInput.extend({ defaultProps: { size: "md" } }),
      PasswordInput: PasswordInput.extend({ defaultProps: { size: "md" } }),
      Select: Select.extend({ defaultProps: { size: "md", clearButtonProps: { "aria-label": clearLabel } } }),
      MultiSelect: MultiSelect.extend({ defaultProps: { clearButtonProps: { "aria-label": clearLabel } } }),
      FileInput: FileInput.extend({ defaultProps: { clearButtonProps: { "aria-label": clearLabel } } }),
      ActionIcon: ActionIcon.extend({ defaultProps: { size: "lg" } }),
    },
  });

const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
const luminance = (hex: string) => {
  const [r, g, b] = [0, 1, 2].map((i) => {
    const c = channel(hex, i);
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
};
/** `hex` darkened in small steps until it reads at 4.6:1 on every one of `backgrounds`. */
function readableOn(hex: string, backgrounds: string[]): string {
  let [r, g, b] = [0, 1, 2].map((i) => channel(hex, i) * 255) as [number, number, number];
  const toHex = () => `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
  while (backgrounds.some((bg) => contrast(toHex(), bg) < 4.6) && r + g + b > 0) {
    [r, g, b] = [r * 0.94, g * 0.94, b * 0.94];
  }
  return toHex();
}

/**
 * Text at least 4.5:1 (WCAG AA) in the light scheme, for older eyes, set once here: Mantine's
 * dimmed grey (#868e96) is 3.3:1 on white and is used for unit names, dates and hints on every
 * page; its "light" variants (badges, alerts, the active navigation link) put shade 9 on shade 1
 * or 2 (teal 4.3:1, orange 3.6:1), and coloured text uses the filled shade (orange 3:1 on white).
 * Light backgrounds become shades 0 and 1, and each colour's text is darkened until it reads on
 * them, on white and on the striped rows' grey (outline variants too); filled backgrounds are
 * darkened until their white text reads (orange's was 3:1, red's 3.8:1).
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = { "--mantine-color-dimmed": "#5f666d" };
  for (const [name, shades] of Object.entries(t.colors)) {
    if (name === "dark" || name === "gray") continue;
    const [s0 = "#ffffff", s1 = "#ffffff"] = shades;
    light[`--mantine-color-${name}-light`] = `var(--mantine-color-${name}-0)`;
    light[`--mantine-color-${name}-light-hover`] = `var(--mantine-color-${name}-1)`;
    light[`--mantine-color-${name}-light-color`] = readableOn(shades[9] ?? "#000000", [s0, s1]);
    const text = readableOn(shades[7] ?? "#000000", ["#ffffff", "#f8f9fa", s0]);
    light[`--mantine-color-${name}-text`] = text;
    light[`--mantine-color-${name}-outline`] = text;
    const filled = readableOn(shades[7] ?? "#000000", ["#ffffff"]);
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = readableOn(filled, ["#ffffff", "#f1f3f5"]);
  }
  return { variables: {}, light, dark: {} };
};
