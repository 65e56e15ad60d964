/**
 * Vietnamese text: cleaning what is stored, folding for search, and sorting the Vietnamese way.
 *
 * Sorting (DOMAIN.md "Dates and names"): PostgreSQL may lack a Vietnamese collation, so the
 * application derives an ASCII sort key whose byte-wise order (`COLLATE "C"`, or JS `<`) is the
 * Vietnamese order. The key alphabet, lowest first:
 *
 * | key text              | meaning                                                          |
 * | --------------------- | ---------------------------------------------------------------- |
 * | (end of key)          | a shorter name sorts first                                       |
 * | `" "` (0x20)          | between the given-name part and the rest (vietnameseSortKey only)|
 * | `"!"` (0x21)          | between words                                                    |
 * | `"*" "+" "," "-" "."` | tone of the word just ended: huyền, hỏi, ngã, sắc, nặng           |
 * | `"1"`…`"X"` + digits  | a number: its digit count (0x30 + n) then its digits, so 2 < 10  |
 * | `^` / `_` + 3 / 4 chars| any other letter (Greek, CJK, …), by code point                 |
 * | `a`…`z`               | letters; `{` after a letter makes ă đ ê ô ư, `\|` makes â ơ       |
 *
 * Words are compared one after another, as in a Vietnamese dictionary: first a word's letters
 * (a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z), then its tone (none, huyền,
 * hỏi, ngã, sắc, nặng), then the next word. Case, punctuation and the vowel that carries the tone
 * are ignored ("Hoà" and "Hòa" have the same key). Digits come before letters; letters of other
 * scripts come between them, so that the modifiers `{` `|` stay above anything that can follow a
 * letter ("aω" < "ă", as a < ă).
 */

// Combining marks as they come out of NFD.
const TONE_CODES: Record<string, string> = {
  "\u0300": "*", // huyền
  "\u0309": "+", // hỏi
  "\u0303": ",", // ngã
  "\u0301": "-", // sắc
  "\u0323": ".", // nặng
};
const BREVE = "\u0306";
const CIRCUMFLEX = "\u0302";
const HORN = "\u031B";

const WORD_SEPARATOR = "!";
const GIVEN_NAME_SEPARATOR = " ";
const MAX_DIGIT_RUN = 40;

/** Every kind of space and line break (no-break, thin, ideographic, tab, newline…). */
const WHITESPACE = /\s/gu;
/** Invisible characters that only get in the way: control characters, zero-width spaces and joiners, soft hyphen. */
const INVISIBLE = /[\p{Cc}\u200B-\u200D\u2060\u00AD]/gu;

/** NFC, no invisible characters, every kind of space as one plain space, trimmed. */
export function cleanText(s: string): string {
  return s.normalize("NFC").replace(WHITESPACE, " ").replace(INVISIBLE, "").replace(/ {2,}/gu, " ").trim();
}

/** cleanText for text with paragraphs: the same, line by line, keeping line breaks (at most one blank line). */
export function cleanMultiline(s: string): string {
  return s
    .normalize("NFC")
    .split(/\r\n|\r|\n|\u2028|\u2029/u)
    .map(cleanText)
    .join("\n")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
}

/**
 * Folds text for accent-insensitive search: lower case, no diacritics, đ → d, every run of other
 * characters as one space. "Nguyễn Văn Đức" → "nguyen van duc".
 */
export function foldForSearch(s: string): string {
  return (
    s
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      // Đ/đ, and Ð/ð (U+00D0/U+00F0), which old Vietnamese encodings leave behind in place of Đ.
      .replace(/[ĐđÐð]/gu, "d")
      .toLowerCase()
      // Lower-casing can leave combining marks again (İ → i + U+0307).
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()
  );
}

/** The last word of the full name: the given name of most Vietnamese names. "" for an empty name. */
export function givenNameOf(fullName: string): string {
  const words = cleanText(fullName).split(" ");
  return words[words.length - 1] ?? "";
}

function otherLetterCode(codePoint: number): string {
  // Order-preserving fixed-width base 64 over "0"…"o" (0x30…0x6F).
  const digits = (n: number, width: number) => {
    let out = "";
    for (let i = width - 1; i >= 0; i--) out += String.fromCharCode(0x30 + ((n >> (6 * i)) & 63));
    return out;
  };
  return codePoint < 0x40000 ? `^${digits(codePoint, 3)}` : `_${digits(codePoint, 4)}`;
}

function numberCode(digits: string): string {
  // Leading zeros do not count: "007" sorts as 7. Runs longer than MAX_DIGIT_RUN are cut in pieces.
  const n = digits.replace(/^0+(?=\d)/u, "");
  let out = "";
  for (let i = 0; i < n.length; i += MAX_DIGIT_RUN) {
    const chunk = n.slice(i, i + MAX_DIGIT_RUN);
    out += String.fromCharCode(0x30 + chunk.length) + chunk;
  }
  return out;
}

/** The key of one word: its letters and numbers, then its tones. */
function wordKey(word: string): string {
  let letters = "";
  let tones = "";
  let digits = "";
  const chars = [...word];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c >= "0" && c <= "9") {
      digits += c;
      continue;
    }
    if (digits) {
      letters += numberCode(digits);
      digits = "";
    }
    // Marks following this base letter.
    let modifier = "";
    while (i + 1 < chars.length && /\p{M}/u.test(chars[i + 1] as string)) {
      const mark = chars[++i] as string;
      const tone = TONE_CODES[mark];
      if (tone) tones += tone;
      else if (mark === BREVE && c === "a") modifier = "{";
      else if (mark === CIRCUMFLEX && (c === "a" || c === "e" || c === "o")) modifier = c === "a" ? "|" : "{";
      else if (mark === HORN && (c === "o" || c === "u")) modifier = c === "o" ? "|" : "{";
    }
    if (c >= "a" && c <= "z") letters += c + modifier;
    else if (c === "đ" || c === "ð") letters += "d{";
    else if (/\p{N}/u.test(c)) {
      // Other digits (Arabic-Indic…): their value when they have one.
      const v = Number.parseInt(c.normalize("NFKC"), 10);
      if (Number.isInteger(v)) letters += numberCode(String(v));
      else letters += otherLetterCode(c.codePointAt(0) ?? 0);
    } else letters += otherLetterCode(c.codePointAt(0) ?? 0);
  }
  if (digits) letters += numberCode(digits);
  return letters + tones;
}

/**
 * The collation key of any text: byte-wise order of keys is Vietnamese dictionary order
 * (word by word; letters before tones; case-insensitive; punctuation separates words).
 * Printable ASCII only.
 */
export function vietnameseCollationKey(text: string): string {
  const decomposed = text.normalize("NFC").toLowerCase().normalize("NFD");
  const words = decomposed.split(/[^\p{L}\p{M}\p{N}]+/u).filter((w) => w !== "" && !/^\p{M}+$/u.test(w));
  return words.map(wordKey).join(WORD_SEPARATOR);
}

/** Compares two strings in Vietnamese order (see vietnameseCollationKey); 0 when only case or tone placement differ. */
export function compareVietnamese(a: string, b: string): number {
  const ka = vietnameseCollationKey(a);
  const kb = vietnameseCollationKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The sort key of a person: the given name (`givenName` when given, else the last word of the full
 * name), then `" "`, then the rest of the full name in written order (family and middle names).
 * When `givenName` is not the end of the full name, the rest is the whole full name. Compare keys
 * byte-wise (`COLLATE "C"` in SQL).
 */
export function vietnameseSortKey(fullName: string, givenName?: string | null): string {
  const words = cleanText(fullName).split(" ").filter(Boolean);
  const explicit = givenName ? cleanText(givenName) : "";
  let given: string;
  let rest: string[];
  if (explicit) {
    given = explicit;
    const givenWords = foldForSearch(explicit).split(" ");
    const tail = words.slice(-givenWords.length);
    const endsWithGiven =
      givenWords.length <= words.length && foldForSearch(tail.join(" ")) === givenWords.join(" ");
    rest = endsWithGiven ? words.slice(0, -givenWords.length) : words;
  } else {
    given = words[words.length - 1] ?? "";
    rest = words.slice(0, -1);
  }
  const givenKey = vietnameseCollationKey(given);
  const restKey = vietnameseCollationKey(rest.join(" "));
  return restKey ? givenKey + GIVEN_NAME_SEPARATOR + restKey : givenKey;
}
