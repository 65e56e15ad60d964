/** The closed error vocabulary: code → HTTP status and default messages (vi first, en on request). */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, vi: "Dữ liệu gửi lên không hợp lệ.", en: "The request data is invalid." },
  MALFORMED_REQUEST: {
    status: 400,
    vi: "Yêu cầu không đúng định dạng (JSON không hợp lệ).",
    en: "The request is malformed (invalid JSON).",
  },
  UNAUTHENTICATED: {
    status: 401,
    vi: "Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn.",
    en: "You are not signed in, or your session has expired.",
  },
  INVALID_CREDENTIALS: {
    status: 401,
    vi: "Tên đăng nhập hoặc mật khẩu không đúng.",
    en: "Wrong username or password.",
  },
  CSRF_TOKEN_INVALID: {
    status: 403,
    vi: "Thiếu hoặc sai mã chống giả mạo (x-csrf-token). Hãy tải lại trang.",
    en: "Missing or wrong anti-forgery token (x-csrf-token). Reload the page.",
  },
  FORBIDDEN: { status: 403, vi: "Bạn không có quyền thực hiện thao tác này.", en: "You may not do this." },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    vi: "Bạn cần đổi mật khẩu trước khi tiếp tục.",
    en: "You must change your password before going on.",
  },
  NOT_FOUND: { status: 404, vi: "Không tìm thấy.", en: "Not found." },
  VERSION_CONFLICT: {
    status: 409,
    vi: "Dữ liệu đã được người khác thay đổi. Hãy tải lại rồi sửa lại.",
    en: "Someone else changed this data. Reload and edit again.",
  },
  STATE_CONFLICT: {
    status: 409,
    vi: "Trạng thái đã thay đổi, thao tác không còn thực hiện được.",
    en: "The state has changed; this action no longer applies.",
  },
  USERNAME_TAKEN: { status: 409, vi: "Tên đăng nhập đã được dùng.", en: "This username is already taken." },
  PAYLOAD_TOO_LARGE: { status: 413, vi: "Dữ liệu gửi lên quá lớn.", en: "The request body is too large." },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: "Kiểu dữ liệu gửi lên không được hỗ trợ.",
    en: "Unsupported content type.",
  },
  ACCOUNT_DISABLED: {
    status: 403,
    vi: "Tài khoản đã bị vô hiệu hóa. Hãy liên hệ cán bộ phụ trách.",
    en: "This account is disabled. Contact the officer in charge.",
  },
  IMPORT_INVALID: {
    status: 422,
    vi: "Tệp có dòng không hợp lệ: chưa nhập dòng nào. Hãy sửa theo danh sách lỗi rồi tải lên lại.",
    en: "The file has invalid rows: nothing was imported. Fix the rows listed and upload again.",
  },
  FILE_REJECTED: {
    status: 422,
    vi: "Tệp quá lớn hoặc quá phức tạp để đọc an toàn: chưa nhập dòng nào. Hãy chia thành nhiều tệp nhỏ hơn.",
    en: "The file is too large or too complex to read safely: nothing was imported. Split it into smaller files.",
  },
  RULE_VIOLATION: { status: 422, vi: "Dữ liệu vi phạm quy định.", en: "The data breaks a rule." },
  /** A list too long to download while the user waits: it is exported as a background job instead. */
  EXPORT_TOO_LARGE: {
    status: 422,
    vi: "Danh sách quá dài để tải trực tiếp. Hãy xuất bằng công việc chạy nền (tệp được tạo trên máy chủ rồi tải về), hoặc thu hẹp phạm vi.",
    en: "The list is too long to download directly. Export it as a background job (the file is made on the server, then downloaded), or narrow it down.",
  },
  RATE_LIMITED: {
    status: 429,
    vi: "Bạn gửi quá nhiều yêu cầu. Hãy thử lại sau ít phút.",
    en: "Too many requests. Try again in a few minutes.",
  },
  ACCOUNT_LOCKED: {
    status: 429,
    vi: "Tài khoản tạm bị khóa do đăng nhập sai nhiều lần. Hãy thử lại sau.",
    en: "The account is temporarily locked after repeated failed sign-ins. Try again later.",
  },
  INTERNAL: {
    status: 500,
    vi: "Lỗi hệ thống. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên kèm mã yêu cầu.",
    en: "Internal error. Try again; if it persists, tell an administrator the request id.",
  },
  UNAVAILABLE: {
    status: 503,
    vi: "Hệ thống tạm thời không phục vụ được. Hãy thử lại sau.",
    en: "The service is temporarily unavailable. Try again later.",
  },
  /** Load shedding: answered at once, with Retry-After, instead of queueing. */
  OVERLOADED: {
    status: 503,
    vi: "Hệ thống đang quá tải nên tạm chưa nhận thêm yêu cầu. Hãy thử lại sau ít giây.",
    en: "The server is overloaded and is not taking more requests right now. Try again in a few seconds.",
  },
  /** A statement ran past its statement_timeout (SQLSTATE 57014) and the database stopped it. */
  QUERY_TIMEOUT: {
    status: 504,
    vi: "Yêu cầu mất quá nhiều thời gian nên hệ thống đã dừng lại. Hãy thu hẹp phạm vi (chọn đơn vị cấp dưới, thêm bộ lọc) rồi thử lại; nếu vẫn lỗi, báo quản trị viên.",
    en: "The request took too long, so the system stopped it. Narrow it down (a lower unit, more filters) and try again; if it persists, tell an administrator.",
  },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;
export type Lang = "vi" | "en";
export interface Message {
  vi: string;
  en: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly localized: Message;
  readonly details: unknown;

  constructor(code: ErrorCode, options: { message?: Message; details?: unknown } = {}) {
    const localized = options.message ?? errorCatalogue[code];
    super(localized.en);
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.localized = { vi: localized.vi, en: localized.en };
    this.details = options.details ?? null;
  }

  body(lang: Lang) {
    return { error: { code: this.code, message: this.localized[lang], details: this.details } };
  }
}

export const notFound = () => new AppError("NOT_FOUND");
export const forbidden = () => new AppError("FORBIDDEN");

/** English only when Accept-Language prefers it over Vietnamese. */
export function preferredLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return "vi";
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: tag.split("-")[0], q: q ? Number(q.trim().slice(2)) : 1, index };
    })
    .filter((x) => (x.lang === "vi" || x.lang === "en") && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.lang === "en" ? "en" : "vi";
}

/**
 * Well-formed data that breaks a rule (422): the field at `path`, the reason code the client
 * reads, and the sentence shown to the user when the catalogue's general one is not enough.
 */
export const ruleViolation = (path: string, reason: string, message?: Message) =>
  new AppError("RULE_VIOLATION", { ...(message ? { message } : {}), details: [{ path, message: reason }] });
