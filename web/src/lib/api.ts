// The one way the web app talks to the server: JSON over fetch, the session cookie, the CSRF token
// on writes, the UI language in Accept-Language, and errors turned into ApiError.

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** One page of a list, as every list route answers. */
export interface Page<T> {
  items: T[];
  total: number;
  /** The total is an estimate (a list of more than 10,000): shown as "khoảng …". */
  totalIsEstimate?: boolean;
  page: number;
  pageSize: number;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Set on calls where a 401 is an expected answer, not a lost session (login). */
  expectUnauthorized?: boolean;
}

interface ClientState {
  csrfToken: string | null;
  language: () => string;
  onUnauthorized: () => void;
  /** Messages for failures that carry no server message (network down, proxy error page). */
  fallbackMessage: (kind: "network" | "http", status: number) => string;
}

const state: ClientState = {
  csrfToken: null,
  language: () => "vi",
  onUnauthorized: () => {},
  fallbackMessage: (kind, status) => (kind === "network" ? "Network error" : `HTTP ${status}`),
};

export function configureApiClient(options: Partial<Omit<ClientState, "csrfToken">>): void {
  Object.assign(state, options);
}

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

const WRITE_METHODS = new Set<Method>(["POST", "PUT", "PATCH", "DELETE"]);

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ""}`;
}

/** Sends a request with the session, the language and (on writes) the CSRF token; throws ApiError on failure. */
async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {
    Accept: accept,
    "Accept-Language": state.language(),
  };
  // A FormData body (a file upload) sets its own multipart content type.
  const isForm = typeof FormData !== "undefined" && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers["Content-Type"] = "application/json";
  if (WRITE_METHODS.has(method) && state.csrfToken) headers["x-csrf-token"] = state.csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      body:
        options.body === undefined
          ? undefined
          : isForm
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK_ERROR", state.fallbackMessage("network", 0));
  }

  if (!response.ok) {
    const error = toApiError(response.status, await readJson(response));
    if (response.status === 401 && !options.expectUnauthorized) state.onUnauthorized();
    throw error;
  }
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, "application/json");
  if (response.status === 204) return undefined as T;
  return (await readJson(response)) as T;
}

/**
 * Uploads a multipart form and reports the share of bytes sent (0..1) while it goes, which fetch
 * cannot: evidence photos from a phone on a slow connection take a while. Same session, language,
 * CSRF token and errors as `api`.
 */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress?: (sent: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", buildUrl(path));
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("Accept-Language", state.language());
    if (state.csrfToken) request.setRequestHeader("x-csrf-token", state.csrfToken);
    request.withCredentials = true;
    request.responseType = "text";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    const parse = (): unknown => {
      const type = request.getResponseHeader("content-type") ?? "";
      if (!type.includes("json") || !request.responseText) return undefined;
      try {
        return JSON.parse(request.responseText);
      } catch {
        return undefined;
      }
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress?.(1);
        resolve(parse() as T);
        return;
      }
      const error = toApiError(request.status, parse());
      if (request.status === 401) state.onUnauthorized();
      reject(error);
    };
    request.onerror = () => reject(new ApiError(0, "NETWORK_ERROR", state.fallbackMessage("network", 0)));
    request.onabort = () => reject(new DOMException("Aborted", "AbortError"));
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(form);
  });
}

/**
 * Downloads a file the server builds (an export, an import template) with the session cookie, and
 * hands it to the browser under the name the server gives it.
 */
export async function downloadFile(
  path: string,
  query?: Record<string, QueryValue>,
  fallbackName = "download",
): Promise<void> {
  const response = await send(path, { query }, "*/*");
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get("content-disposition")) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start reading the file before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The file name of a Content-Disposition header, preferring the UTF-8 form (Vietnamese names). */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || null;
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  if (isErrorBody(payload)) {
    const { code, message, details } = payload.error;
    return new ApiError(status, code, message || state.fallbackMessage("http", status), details);
  }
  return new ApiError(status, `HTTP_${status}`, state.fallbackMessage("http", status));
}

function isErrorBody(payload: unknown): payload is ApiErrorBody {
  if (typeof payload !== "object" || payload === null || !("error" in payload)) return false;
  const inner = (payload as { error: unknown }).error;
  return typeof inner === "object" && inner !== null && "code" in inner;
}

/**
 * Field messages of an error answer, keyed by field name. `details` is `[{path, message}]`, the
 * path dotted from the request part (`body.newPassword`). Schema failures (VALIDATION_FAILED) carry
 * a readable message per field; rule failures carry a machine word there ("taken", "wrong"), so
 * the field shows the error's own message instead.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const result: Record<string, string> = {};
  for (const detail of error.details as unknown[]) {
    if (typeof detail !== "object" || detail === null) continue;
    const { path, message } = detail as { path?: unknown; message?: unknown };
    const segments = (Array.isArray(path) ? path.map(String) : String(path ?? "").split(".")).filter(Boolean);
    if (segments[0] === "body" || segments[0] === "query" || segments[0] === "params") segments.shift();
    const key = segments[0];
    if (!key || key in result) continue;
    const readable = error.code === "VALIDATION_FAILED" && typeof message === "string" && message;
    result[key] = readable || error.message;
  }
  return result;
}
