import { TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../lib/format";

/** dd/MM/yyyy typed by hand (slashes are added while typing) -> ISO YYYY-MM-DD, or null. */
export function parseVietnameseDate(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function autoSlash(text: string): string {
  if (/[^\d]/.test(text.replaceAll("/", ""))) return text;
  const digits = text.replaceAll("/", "").slice(0, 8);
  if (digits.length <= 2) return digits;
  if (digits.length <= 4) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
}

/**
 * A date in the Vietnamese order whatever the browser's locale (a native date input would follow
 * the device's language, which for many users is English).
 */
export function DateField({
  label,
  value,
  onChange,
  error,
  required,
  description,
  maw,
}: {
  label: string;
  /** ISO YYYY-MM-DD or "" */
  value: string;
  onChange: (iso: string) => void;
  /** A message from the form or the server; a date that cannot be read shows its own message first. */
  error?: string;
  required?: boolean;
  description?: string;
  maw?: number | string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(formatDate(value));
  const [lastValue, setLastValue] = useState(value);
  const [invalid, setInvalid] = useState(false);
  if (value !== lastValue) {
    // The value changed from outside (filters reset): show it.
    setLastValue(value);
    if (parseVietnameseDate(text) !== value) setText(formatDate(value));
  }

  return (
    <TextInput
      label={label}
      placeholder={t("common.datePlaceholder")}
      inputMode="numeric"
      autoComplete="off"
      value={text}
      required={required}
      description={description}
      maw={maw}
      error={invalid ? t("validation.date") : error}
      onChange={(event) => {
        const next = autoSlash(event.currentTarget.value);
        setText(next);
        const iso = parseVietnameseDate(next);
        if (iso) {
          setInvalid(false);
          setLastValue(iso);
          onChange(iso);
        } else if (next === "") {
          setInvalid(false);
          setLastValue("");
          onChange("");
        }
      }}
      onBlur={() => setInvalid(text !== "" && parseVietnameseDate(text) === null)}
    />
  );
}
