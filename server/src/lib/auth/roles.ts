/** The roles an account holds (STYLE.md's visibility classes read them), the interface languages, and usernames. */
export const roles = ["admin", "officer", "leader", "secretary", "member"] as const;
export type Role = (typeof roles)[number];
export const locales = ["vi", "en"] as const;
export type Locale = (typeof locales)[number];

/** A username as stored and compared: NFC, trimmed, lower case. */
export const normaliseUsername = (name: string) => name.normalize("NFC").trim().toLowerCase();
