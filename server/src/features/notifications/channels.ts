import { createHmac } from "node:crypto";
import { createTransport } from "nodemailer";
import type { Config } from "../../config.ts";
import type { DeliveryChannel } from "./schema.ts";

/** One message to one recipient, as the external channels send it. */
export interface OutgoingMessage {
  userId: string;
  /** The recipient's name as shown to people. */
  name: string;
  /** The e-mail address or the phone number the delivery was written for. */
  address: string | null;
  title: string;
  body: string;
  /** Absolute when PUBLIC_URL is set, else the app's path. */
  link: string | null;
}

export interface Channel {
  name: DeliveryChannel;
  /** Whether this channel can reach a recipient with that address (e-mail needs one; the webhook does not). */
  reaches(address: string | null): boolean;
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

export type Channels = Partial<Record<DeliveryChannel, Channel>>;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** E-mail through the SMTP server of SMTP_URL (nodemailer), from SMTP_FROM. */
export function emailChannel(url: string, from: string): Channel {
  const transport = createTransport(url);
  return {
    name: "email",
    reaches: (address) => !!address && address.includes("@"),
    async send(message) {
      if (!message.address) throw new Error("no e-mail address");
      const link = message.link ? `\n\n${message.link}` : "";
      await transport.sendMail({
        from,
        to: { name: message.name, address: message.address },
        subject: message.title,
        text: `${message.body}${link}\n`,
        html:
          `<p>${escapeHtml(message.body)}</p>` +
          (message.link
            ? `<p><a href="${escapeHtml(message.link)}">${escapeHtml(message.link)}</a></p>`
            : ""),
      });
    },
    close: () => transport.close(),
  };
}

/**
 * A JSON POST to NOTIFY_WEBHOOK_URL that an SMS or Zalo gateway can take:
 * `{to, userId, phone?, title, body, link}` (`to`: the recipient's name). With a secret, the body
 * is signed in `x-theo-guong-signature: sha256=<hex HMAC>`. Anything but a 2xx answer is a failure.
 */
export function webhookChannel(url: string, secret?: string, timeoutMs = 10_000): Channel {
  return {
    name: "webhook",
    reaches: () => true,
    async send(message) {
      const body = JSON.stringify({
        to: message.name,
        userId: message.userId,
        ...(message.address ? { phone: message.address } : {}),
        title: message.title,
        body: message.body,
        link: message.link,
      });
      const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
      if (secret)
        headers["x-theo-guong-signature"] =
          `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
      const response = await fetch(url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
      await response.body?.cancel();
    },
    close: () => {},
  };
}

/** The external channels the configuration enables (in-app notifications are always on). */
export function channelsFromConfig(config: Config): Channels {
  const channels: Channels = {};
  if (config.SMTP_URL) {
    const host = new URL(config.SMTP_URL).hostname;
    channels.email = emailChannel(config.SMTP_URL, config.SMTP_FROM ?? `Theo Gương <no-reply@${host}>`);
  }
  if (config.NOTIFY_WEBHOOK_URL)
    channels.webhook = webhookChannel(config.NOTIFY_WEBHOOK_URL, config.NOTIFY_WEBHOOK_SECRET);
  return channels;
}

const cache = new WeakMap<Config, Channels>();
/** One set of channels per configuration (one SMTP transport per process). */
export function channelsOf(config: Config): Channels {
  let channels = cache.get(config);
  if (!channels) {
    channels = channelsFromConfig(config);
    cache.set(config, channels);
  }
  return channels;
}

/** The absolute link of an app path, with PUBLIC_URL. */
export function absoluteLink(config: Pick<Config, "PUBLIC_URL">, link: string | null): string | null {
  if (!link) return null;
  if (!config.PUBLIC_URL) return link;
  return new URL(link, config.PUBLIC_URL).toString();
}
