/** The roles an account holds (STYLE.md's visibility classes read them) and the interface languages. */
export const roles = ["admin", "officer", "leader", "secretary", "member"] as const;
export type Role = (typeof roles)[number];
export const locales = ["vi", "en"] as const;
export type Locale = (typeof locales)[number];
