import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { dayBefore, vnToday } from "../../lib/dates.ts";
import { people } from "../people/schema.ts";
import { users } from "../users/schema.ts";
import { webhookChannel } from "./channels.ts";
import { notify } from "./commands/notify.ts";
import { deliverPending, MAX_ATTEMPTS } from "./deliver.ts";
import { notificationDeliveries } from "./schema.ts";

/**
 * The external channels against real servers on 127.0.0.1, started here: an SMTP server (the
 * `smtp-server` package, with a login) that keeps the messages it receives, and an HTTP server
 * standing for an SMS/Zalo gateway that keeps the webhook's requests.
 */

interface Mail {
  from: string;
  to: string[];
  raw: string;
}
const mails: Mail[] = [];
const smtp = new SMTPServer({
  disabledCommands: ["STARTTLS"],
  allowInsecureAuth: true,
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === "theoguong" && auth.password === "mat-khau") callback(null, { user: "theoguong" });
    else callback(new Error("Invalid username or password"));
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      mails.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});

interface Hook {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}
const hooks: Hook[] = [];
let hookStatus = 200;
const gateway = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const raw = Buffer.concat(chunks).toString("utf8");
    hooks.push({ headers: req.headers, raw, body: JSON.parse(raw) });
    res.writeHead(hookStatus, { "content-type": "application/json" }).end('{"ok":true}');
  });
});

const listen = (server: { listen: (port: number, host: string, cb: () => void) => unknown }) =>
  new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

let t: TestContext;
beforeAll(async () => {
  await listen(smtp);
  await listen(gateway);
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const hookPort = (gateway.address() as AddressInfo).port;
  t = await createTestContext({
    env: {
      SMTP_URL: `smtp://theoguong:mat-khau@127.0.0.1:${smtpPort}`,
      SMTP_FROM: "Theo Gương <thong-bao@theoguong.test>",
      NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/sms`,
      NOTIFY_WEBHOOK_SECRET: "bi-mat-chung",
      PUBLIC_URL: "https://theoguong.test",
    },
  });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

/** RFC 2047 words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) of a header, decoded. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) =>
                String.fromCharCode(Number.parseInt(hex, 16)),
              ),
            "latin1",
          ).toString("utf8"),
    );
}

/** The decoded text/plain part of a raw message. */
function plainText(raw: string): string {
  const part = raw.split(/\r?\n--/).find((p) => /content-type:\s*text\/plain/i.test(p)) ?? raw;
  const [head = "", ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n").replace(/\r?\n--[^\n]*--\s*$/, "");
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable")
    return Buffer.from(
      body
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      "latin1",
    ).toString("utf8");
  return body;
}
const header = (raw: string, name: string) => {
  const match = new RegExp(`^${name}:(.*(?:\\r?\\n[ \\t].*)*)`, "im").exec(raw);
  return decodeWords((match?.[1] ?? "").replace(/\r?\n[ \t]/g, " ").trim());
};

describe("reminders by e-mail and webhook", () => {
  it("go to the member's address through SMTP, and to the gateway as signed JSON", async () => {
    const { grassroots } = t.demo.tree;
    const today = vnToday();
    const year = Number(today.slice(0, 4));
    const member = t.account("dangvien1");
    await t.database.db
      .update(people)
      .set({ email: "ngo.van.an@example.vn", phone: "0912345678" })
      .where(eq(people.id, member.personId ?? ""));
    const officer = await t.as("canbo.coso");
    await officer.put(`/api/units/${grassroots.id}/commitment-template`, {
      year,
      deadline: dayBefore(today),
      campaignWeight: 20,
    });
    const run = await officer.post("/api/reminders/run", {});
    expect(run.status).toBe(200);
    expect(run.body.commitment.sent).toBeGreaterThanOrEqual(3);
    // E-mail only to those with an address; the webhook to every one (phone when known).
    expect(run.body.deliveries).toEqual({
      sent: run.body.commitment.sent + run.body.ratings.sent + 1,
      failed: 0,
    });

    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.from).toBe("thong-bao@theoguong.test");
    expect(mail?.to).toEqual(["ngo.van.an@example.vn"]);
    expect(header(mail?.raw ?? "", "Subject")).toBe(`Nhắc nộp bản cam kết năm ${year}`);
    expect(header(mail?.raw ?? "", "To")).toContain("ngo.van.an@example.vn");
    const text = plainText(mail?.raw ?? "");
    expect(text).toContain(`Hạn nộp bản cam kết năm ${year}`);
    expect(text).toContain("https://theoguong.test/commitment");

    const mine = hooks.find((h) => h.body.phone === "0912345678");
    expect(mine?.body).toEqual({
      to: "Ngô Văn An",
      userId: expect.any(String),
      phone: "0912345678",
      title: `Nhắc nộp bản cam kết năm ${year}`,
      body: expect.stringContaining("chưa viết bản cam kết"),
      link: "https://theoguong.test/commitment",
    });
    expect(mine?.headers["x-theo-guong-signature"]).toBe(
      `sha256=${createHmac("sha256", "bi-mat-chung")
        .update(mine?.raw ?? "")
        .digest("hex")}`,
    );
    const [account] = await t.database.db.select().from(users).where(eq(users.username, "dangvien1"));
    expect(mine?.body.userId).toBe(account?.id);
    // Without a phone the gateway still gets the message, with no phone field.
    expect(hooks.some((h) => !("phone" in h.body))).toBe(true);

    // A second run sends nothing by any channel.
    expect((await officer.post("/api/reminders/run", {})).body.deliveries).toEqual({ sent: 0, failed: 0 });
    expect(mails).toHaveLength(1);
  });

  it("are retried later when the gateway fails, and given up after a few attempts", async () => {
    const [account] = await t.database.db.select().from(users).where(eq(users.username, "dangvien2"));
    if (!account) throw new Error("no account");
    const hook = webhookChannel(`http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`);
    const [n] = await t.database.db.transaction((tx) =>
      notify(tx, [{ userId: account.id, kind: "test", title: "Thử", body: "Thử gửi lại" }], {
        webhook: hook,
      }),
    );
    if (!n) throw new Error("no notification");
    const delivery = async () =>
      (
        await t.database.db
          .select()
          .from(notificationDeliveries)
          .where(eq(notificationDeliveries.notificationId, n.id))
      )[0];
    hookStatus = 503;
    const start = Date.now();
    const first = await deliverPending({
      db: t.database.db,
      channels: { webhook: hook },
      notificationIds: [n.id],
    });
    expect(first).toEqual({ sent: 0, failed: 1 });
    expect(await delivery()).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "webhook answered 503",
    });
    // Not before its retry time…
    expect(
      await deliverPending({ db: t.database.db, channels: { webhook: hook }, notificationIds: [n.id] }),
    ).toEqual({
      sent: 0,
      failed: 0,
    });
    // …then sent once the gateway answers again.
    hookStatus = 200;
    const later = new Date(start + 6 * 60_000);
    expect(
      await deliverPending({
        db: t.database.db,
        channels: { webhook: hook },
        notificationIds: [n.id],
        now: later,
      }),
    ).toEqual({ sent: 1, failed: 0 });
    expect(await delivery()).toMatchObject({ status: "sent", attempts: 2, lastError: null });

    // A gateway that never answers well: given up after MAX_ATTEMPTS.
    hookStatus = 500;
    const [m] = await t.database.db.transaction((tx) =>
      notify(tx, [{ userId: account.id, kind: "test", title: "Thử", body: "Hỏng mãi" }], { webhook: hook }),
    );
    if (!m) throw new Error("no notification");
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++)
      await deliverPending({
        db: t.database.db,
        channels: { webhook: hook },
        notificationIds: [m.id],
        now: new Date(start + i * 24 * 3_600_000),
      });
    const [gaveUp] = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.notificationId, m.id));
    expect(gaveUp).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    hookStatus = 200;
  });
});
