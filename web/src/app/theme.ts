import {
  ActionIcon,
  Badge,
  Button,
  createTheme,
  type MantineColorsTuple,
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
export const theme = createTheme({
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
    Select: Select.extend({ defaultProps: { size: "md" } }),
    ActionIcon: ActionIcon.extend({ defaultProps: { size: "lg" } }),
  },
});
