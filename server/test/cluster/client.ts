import fs from "node:fs";
import path from "node:path";

/** One demo account from the cluster's DATA_DIR/demo-accounts.json. */
export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  unitId: string;
}

export function demoAccounts(dataDir: string): DemoAccount[] {
  return JSON.parse(fs.readFileSync(path.join(dataDir, "demo-accounts.json"), "utf8")) as DemoAccount[];
}

/**
 * A browser-like HTTP client: it keeps its cookies (session, read-your-writes mark) and sends the
 * CSRF token on writes. `ip` goes out as X-Forwarded-For (the instances trust the proxy), so each
 * client has its own rate-limit counter whichever address it sends to.
 */
export class Client {
  readonly cookies = new Map<string, string>();
  csrfToken = "";
  readonly ip: string;
  constructor(ip: string) {
    this.ip = ip;
  }

  async request(baseUrl: string, method: string, url: string, body?: unknown) {
    const headers: Record<string, string> = { "x-forwarded-for": this.ip, "accept-language": "en" };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (body !== undefined) headers["content-type"] = "application/json";
    if (method !== "GET" && this.csrfToken) headers["x-csrf-token"] = this.csrfToken;
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim()));
      if (expired || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  }

  get(baseUrl: string, url: string) {
    return this.request(baseUrl, "GET", url);
  }

  async login(baseUrl: string, account: DemoAccount) {
    const res = await this.request(baseUrl, "POST", "/api/auth/login", {
      username: account.username,
      password: account.password,
    });
    if (res.status !== 200)
      throw new Error(`login ${account.username}: ${res.status} ${JSON.stringify(res.body)}`);
    this.csrfToken = String(res.body?.csrfToken);
    return res;
  }
}
