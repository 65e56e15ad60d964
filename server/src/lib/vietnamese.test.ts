import { describe, expect, it } from "vitest";
import {
  cleanText,
  compareVietnamese,
  foldForSearch,
  givenNameOf,
  vietnameseCollationKey,
  vietnameseSortKey,
} from "./vietnamese.ts";

const nfd = (s: string) => s.normalize("NFD");

/** A small deterministic PRNG (mulberry32), so the generated cases are the same on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = prng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

describe("cleanText", () => {
  it.each([
    ["  Nguyễn   Văn  An ", "Nguyễn Văn An"],
    [nfd("Nguyễn Văn Đức"), "Nguyễn Văn Đức"],
    ["Trần\u00A0Thị\u2009Bình", "Trần Thị Bình"],
    ["Lê\tVăn\r\nHùng", "Lê Văn Hùng"],
    ["\uFEFFHọ và tên\u3000", "Họ và tên"],
    ["Ngô\u200B Thị\u00AD Hà", "Ngô Thị Hà"],
    ["a\u0000b\u001Fc", "abc"],
    ["   ", ""],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    const out = cleanText(input);
    expect(out).toBe(expected);
    expect(out).toBe(out.normalize("NFC"));
  });
});

describe("foldForSearch", () => {
  it.each([
    ["Nguyễn Văn Đức", "nguyen van duc"],
    [nfd("Nguyễn Văn Đức"), "nguyen van duc"],
    ["LÀM THEO BÁC", "lam theo bac"],
    ["ĐẶNG VĂN ĐỨC", "dang van duc"],
    ["đ", "d"],
    ["Ðức", "duc"], // U+00D0 left by old encodings in place of Đ
    ["  Chi bộ số 5 — Phường Bến Nghé, Q.1 ", "chi bo so 5 phuong ben nghe q 1"],
    ["Ư Ơ Ô Ê Â Ă ư ơ ô ê â ă", "u o o e a a u o o e a a"],
    ["à ả ã á ạ", "a a a a a"],
    ["Họ và tên (*)", "ho va ten"],
    ["", ""],
    ["!!!", ""],
  ])("%j → %j", (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });

  it("makes an unaccented query a substring of the folded name", () => {
    expect(foldForSearch("Nguyễn Văn An")).toContain(foldForSearch("nguyen van an"));
    expect(foldForSearch("Đỗ Thị Đào")).toContain(foldForSearch("d"));
    expect(foldForSearch("Đỗ Thị Đào")).toContain(foldForSearch("Đào"));
  });
});

describe("givenNameOf", () => {
  it.each([
    ["Nguyễn Văn An", "An"],
    ["  Trần   Thị  Bình ", "Bình"],
    [nfd("Lê Văn Đức"), "Đức"],
    ["Ánh", "Ánh"],
    ["", ""],
    ["   ", ""],
  ])("%j → %j", (input, expected) => {
    expect(givenNameOf(input)).toBe(expected);
  });
});

describe("compareVietnamese", () => {
  it("orders the letters a ă â b c d đ e ê … o ô ơ … u ư v w x y z", () => {
    const letters = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split(" ");
    expect(shuffle(letters, 1).sort(compareVietnamese)).toEqual(letters);
    expect(
      shuffle(letters, 2)
        .map((l) => l.toUpperCase())
        .sort(compareVietnamese),
    ).toEqual(letters.map((l) => l.toUpperCase()));
  });

  it("orders the tones none, huyền, hỏi, ngã, sắc, nặng", () => {
    for (const row of [
      ["a", "à", "ả", "ã", "á", "ạ"],
      ["ă", "ằ", "ẳ", "ẵ", "ắ", "ặ"],
      ["â", "ầ", "ẩ", "ẫ", "ấ", "ậ"],
      ["e", "è", "ẻ", "ẽ", "é", "ẹ"],
      ["ê", "ề", "ể", "ễ", "ế", "ệ"],
      ["i", "ì", "ỉ", "ĩ", "í", "ị"],
      ["o", "ò", "ỏ", "õ", "ó", "ọ"],
      ["ô", "ồ", "ổ", "ỗ", "ố", "ộ"],
      ["ơ", "ờ", "ở", "ỡ", "ớ", "ợ"],
      ["u", "ù", "ủ", "ũ", "ú", "ụ"],
      ["ư", "ừ", "ử", "ữ", "ứ", "ự"],
      ["y", "ỳ", "ỷ", "ỹ", "ý", "ỵ"],
      ["ma", "mà", "mả", "mã", "má", "mạ"],
      ["Nguyen", "Nguyền", "Nguyển", "Nguyễn", "Nguyến", "Nguyện"],
    ]) {
      expect(shuffle(row, 3).sort(compareVietnamese)).toEqual(row);
    }
  });

  it("compares letters before tones", () => {
    // All the "an" spellings come before "anh", whatever their tone; â is a letter of its own, after a.
    const expected = ["An", "Àn", "Án", "Anh", "Ành", "Ánh", "Ạnh", "Ân", "Ấn", "Bình"];
    expect(shuffle(expected, 4).sort(compareVietnamese)).toEqual(expected);
  });

  it.each([
    ["Dũng", "Đạt"],
    ["Dương", "Đạt"],
    ["Dzũng", "Đa"],
    ["On", "Ông"],
    ["Ông", "Ơn"],
    ["Oanh", "Ơn"],
    ["Ủy", "Ưu"],
    ["Ân", "Bình"],
    ["Hà", "Hải"],
    ["Hạnh", "Hằng"],
    ["Huệ", "Hùng"],
    ["Thuỷ", "Thúy"],
    ["Thúy", "Thư"],
    ["Chi bộ 2", "Chi bộ 10"],
    ["Chi bộ 9", "Chi bộ 09a"],
    ["Tổ 1", "Tổ A"],
    ["2024", "An"],
    ["ba ba", "ba lô"],
    ["ba lô", "bà con"], // word by word, as in a dictionary
    ["Đảng bộ Phường 1", "Đảng bộ Phường 1 (cũ)"],
    ["aω", "ă"], // a foreign letter after a still comes before ă
    ["Zoë", "Zoo"], // ë is an e
    ["2024", "Ω"],
    ["Ω", "a"],
  ])("%s < %s", (a, b) => {
    expect(compareVietnamese(a, b)).toBe(-1);
    expect(compareVietnamese(b, a)).toBe(1);
  });

  it.each([
    ["Nguyễn Văn Đức", "NGUYỄN VĂN ĐỨC"],
    ["Nguyễn Văn Đức", nfd("Nguyễn Văn Đức")],
    ["Hoà", "Hòa"], // old and new tone placement
    ["Thuỷ", "Thủy"],
    ["Nguyễn  Văn   An", " nguyễn văn an "],
    ["Chi bộ 007", "Chi bộ 7"],
    ["Ðức", "Đức"],
  ])("%j = %j", (a, b) => {
    expect(compareVietnamese(a, b)).toBe(0);
  });

  it("agrees with ICU's Vietnamese collation on single words", () => {
    const icu = new Intl.Collator("vi");
    const random = prng(42);
    const pick = (s: readonly string[]) => s[Math.floor(random() * s.length)] as string;
    const onsets = [
      "",
      "b",
      "c",
      "ch",
      "d",
      "đ",
      "g",
      "gh",
      "gi",
      "h",
      "k",
      "kh",
      "l",
      "m",
      "n",
      "ng",
      "ngh",
    ];
    const more = ["nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x", "f", "j", "w", "z"];
    const vowels = [
      "a",
      "ă",
      "â",
      "e",
      "ê",
      "i",
      "o",
      "ô",
      "ơ",
      "u",
      "ư",
      "y",
      "oa",
      "uy",
      "ươ",
      "iê",
      "uô",
      "ai",
    ];
    const codas = ["", "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u", "y"];
    const tones = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"];
    const words = new Set<string>();
    while (words.size < 400) {
      const vowel = pick(vowels);
      // The tone on the last vowel letter, so that two words with the same letters carry it on the same letter.
      const word = `${pick([...onsets, ...more])}${vowel}${pick(tones)}${pick(codas)}`.normalize("NFC");
      words.add(word);
    }
    const list = [...words];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j += 7) {
        const a = list[i] as string;
        const b = list[j] as string;
        expect(Math.sign(compareVietnamese(a, b)), `${a} vs ${b}`).toBe(Math.sign(icu.compare(a, b)));
      }
    }
  });
});

describe("vietnameseCollationKey", () => {
  it.each([
    ["", ""],
    ["An", "an"],
    ["Nguyễn Văn Đức", "nguye{n,!va{n!d{u{c-"],
    ["Ơn Ông Ư Â Ă", "o|n!o{ng!u{!a|!a{"],
    ["Chi bộ 10", "chi!bo{.!210"],
    ["à ả ã á ạ", "a*!a+!a,!a-!a."],
  ])("%j → %j", (input, key) => {
    expect(vietnameseCollationKey(input)).toBe(key);
  });

  it("is printable ASCII, for any text", () => {
    for (const text of [
      "Nguyễn Văn Đức",
      "李小龍",
      "Ελένη",
      "Zoë Ørsted",
      "١٢٣ abc",
      "𝒜𝒷𝒸",
      "a\u0301\u0301",
    ]) {
      expect(vietnameseCollationKey(text)).toMatch(/^[\x20-\x7e]*$/);
    }
  });
});

describe("vietnameseSortKey", () => {
  it.each([
    ["Nguyễn Văn An", null, "an nguye{n,!va{n"],
    [nfd("NGUYỄN VĂN AN"), undefined, "an nguye{n,!va{n"],
    ["Ánh", null, "anh-"],
    ["", null, ""],
    ["Nguyễn Thị Minh Khai", "Minh Khai", "minh!khai nguye{n,!thi."],
    ["Nguyễn Thị Minh Khai", "minh khai", "minh!khai nguye{n,!thi."],
    ["Nguyễn Thị Minh Khai", "", "khai nguye{n,!thi.!minh"],
    ["Hà Thị Khánh", "Mỷ", "my+ ha*!thi.!khanh-"], // a given name that is not in the full name: the rest is the whole name
  ])("%j (given %j) → %j", (fullName, given, key) => {
    expect(vietnameseSortKey(fullName, given)).toBe(key);
  });

  it("puts a separator lower than any letter between the given name and the rest", () => {
    const key = vietnameseSortKey("Lê Văn An");
    expect(key.slice(0, 3)).toBe("an ");
    expect(" " < "!").toBe(true);
    // Every An, whatever the family name, before every Anh; every An before the given name "An Khang".
    expect(vietnameseSortKey("Vũ Văn An") < vietnameseSortKey("An Thị Anh")).toBe(true);
    expect(vietnameseSortKey("Vũ Văn An") < vietnameseSortKey("Lê Văn An Khang", "An Khang")).toBe(true);
    expect(vietnameseSortKey("An") < vietnameseSortKey("Lê Văn An")).toBe(true);
  });

  it.each([
    ["An", "Anh"],
    ["Anh", "Ánh"],
    ["Ánh", "Ân"],
    ["Ân", "Bình"],
    ["Nguyễn Văn Dũng", "Nguyễn Văn Đạt"],
    ["On", "Ông"],
    ["Ông", "Ơn"],
    ["Nguyễn Văn An", "Trần Thị Bình"],
    ["Lê Văn An", "Nguyễn Văn An"],
    ["Dương Thị Hà", "Đặng Thị Hà"],
    ["Nguyễn Thị Hằng", "Nguyễn Thúy Hằng"],
  ])("%s before %s", (a, b) => {
    expect(vietnameseSortKey(a) < vietnameseSortKey(b)).toBe(true);
  });

  it("sorts a list of people by given name, then the rest of the name", () => {
    const expected = [
      "Lê Văn An",
      "Nguyễn Văn An",
      "Phạm Thị Anh",
      "Nguyễn Ngọc Ánh",
      "Trần Thị Ân",
      "Hoàng Văn Bảo",
      "Trần Thị Bình",
      "Vũ Thị Chi",
      "Đỗ Văn Chiến",
      "Bùi Văn Cường",
      "Lê Thị Dung",
      "Nguyễn Tiến Dũng",
      "Nguyễn Văn Duy",
      "Đặng Văn Đạt",
      "Nguyễn Văn Đức",
      "Trịnh Thị Giang",
      "Dương Thị Hà",
      "Đặng Thị Hà",
      "Ngô Thị Hà",
      "Trần Văn Hải",
      "Lý Thị Hạnh",
      "Nguyễn Thị Hằng",
      "Nguyễn Thúy Hằng",
      "Nguyễn Thị Huệ",
      "Lê Văn Hùng",
      "Nguyễn Thị Minh Khai",
      "Đinh Văn Khánh",
      "Lò Văn Mích",
      "Phạm Thị Oanh",
      "Nguyễn Văn Ơn",
      "Nguyễn Hữu Phúc",
      "Mai Thị Thu",
      "Đoàn Thị Thuỷ",
      "Lê Thị Thúy",
      "Nguyễn Thị Thư",
      "Nguyễn Văn Ý",
      "Hồ Thị Yến",
    ];
    // As names arrive: some decomposed (NFD), some in capitals, some with stray spaces.
    const input = shuffle(expected, 7).map((name, i) =>
      i % 3 === 0 ? nfd(name) : i % 5 === 0 ? `  ${name.toUpperCase().replace(" ", "   ")} ` : name,
    );
    const sorted = input.sort(byKey((n) => vietnameseSortKey(n)));
    expect(sorted.map((n) => cleanText(n).toLowerCase())).toEqual(expected.map((n) => n.toLowerCase()));
  });

  it("uses an explicit given name", () => {
    const people: [string, string | null][] = [
      ["Nguyễn Thị Minh Khai", "Minh Khai"],
      ["Lò Văn Mích", null],
      ["Đinh Văn Khánh", null],
      ["Trần Văn Minh", null],
    ];
    const sorted = [...people].sort(byKey(([n, g]) => vietnameseSortKey(n, g))).map(([n]) => n);
    // Khánh < Mích < Minh < Minh Khai
    expect(sorted).toEqual(["Đinh Văn Khánh", "Lò Văn Mích", "Trần Văn Minh", "Nguyễn Thị Minh Khai"]);
  });

  it("is short, printable ASCII and deterministic", () => {
    for (const name of [
      "Nguyễn Văn Đức",
      "Ưng Thị Ượng",
      "Tôn Nữ Thị Ngọc Ánh",
      "H'Hen Niê",
      "Y Moan Ênuôl",
      "李小龍",
    ]) {
      const key = vietnameseSortKey(name);
      expect(key).toMatch(/^[\x20-\x7e]*$/);
      expect(key.length).toBeLessThanOrEqual(4 * name.length);
      expect(vietnameseSortKey(nfd(name))).toBe(key);
    }
  });

  it("orders like compareVietnamese on the given name, then the rest (generated names)", () => {
    const random = prng(2025);
    const pick = (s: readonly string[]) => s[Math.floor(random() * s.length)] as string;
    const families = [
      "Nguyễn",
      "Trần",
      "Lê",
      "Phạm",
      "Hoàng",
      "Huỳnh",
      "Vũ",
      "Võ",
      "Đặng",
      "Đỗ",
      "Bùi",
      "Ngô",
      "Dương",
      "Lý",
      "Ông",
      "Ưng",
      "Âu",
      "Ân",
    ];
    const middles = [
      "Văn",
      "Thị",
      "Hữu",
      "Đức",
      "Ngọc",
      "Thanh",
      "Minh",
      "Thu",
      "Thúy",
      "Quốc",
      "Xuân",
      "Ánh",
    ];
    const givens = [
      "An",
      "Ân",
      "Anh",
      "Ánh",
      "Ảnh",
      "Bình",
      "Chi",
      "Chí",
      "Dũng",
      "Dung",
      "Đạt",
      "Đức",
      "Hà",
      "Hạ",
      "Hải",
      "Hằng",
      "Hạnh",
      "Hoà",
      "Hoa",
      "Hóa",
      "Huệ",
      "Hùng",
      "Khai",
      "Khánh",
      "Lan",
      "Lân",
      "Mai",
      "Mây",
      "Minh",
      "On",
      "Ông",
      "Ơn",
      "Phúc",
      "Thu",
      "Thư",
      "Thủy",
      "Thúy",
      "Tú",
      "Tư",
      "Uyên",
      "Ưu",
      "Yến",
      "Ý",
      "Zô",
    ];
    const names = Array.from({ length: 400 }, () => {
      const middle = Array.from({ length: Math.floor(random() * 3) }, () => pick(middles));
      const name = [pick(families), ...middle, pick(givens)].join(" ");
      return random() < 0.2 ? nfd(name) : random() < 0.1 ? name.toUpperCase() : name;
    });
    const restOf = (n: string) => cleanText(n).split(" ").slice(0, -1).join(" ");
    const byComparator = [...names].sort(
      (a, b) => compareVietnamese(givenNameOf(a), givenNameOf(b)) || compareVietnamese(restOf(a), restOf(b)),
    );
    const bySortKey = [...names].sort(byKey((n) => vietnameseSortKey(n)));
    expect(bySortKey).toEqual(byComparator);
  });
});
