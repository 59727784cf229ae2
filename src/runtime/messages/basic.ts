/**
 * Builders for non-interactive session messages (whatsapp-rules.md §2.2, §2.3): text, media, location, contacts,
 * reaction, reply context, mark-as-read and the typing indicator. Each returns the Cloud API message without
 * `messaging_product` and `to` (the pipeline adds them) and throws `MessageValidationError` on a broken limit.
 */
import type { CloudApiMessage } from "../ports.ts";
import { Checker } from "./check.ts";

/** Where a media object comes from: an uploaded media id, a public link, or an S3 object the sender uploads first. */
export type MediaRef = { id: string } | { link: string } | { s3: { bucket: string; key: string } };

/** Media kinds a message can carry. */
export type MediaKind = "image" | "video" | "audio" | "document" | "sticker";

/** Checks a media reference and returns its Cloud API object (`{id}`, `{link}` or our `{s3}` extension). */
export function mediaObject(c: Checker, path: string, ref: MediaRef | undefined): Record<string, unknown> {
  if (ref === undefined || typeof ref !== "object") {
    c.fail(path, "needs a media reference: { id } or { link } or { s3: { bucket, key } }");
    return {};
  }
  const keys = (["id", "link", "s3"] as const).filter((k) => k in ref);
  if (keys.length !== 1) {
    c.fail(path, `needs exactly one of id, link or s3 (got ${keys.length === 0 ? "none" : keys.join(", ")})`);
    return {};
  }
  if ("id" in ref) {
    c.text(`${path}.id`, ref.id, 256);
    return { id: ref.id };
  }
  if ("link" in ref) {
    c.url(`${path}.link`, ref.link);
    return { link: ref.link };
  }
  c.text(`${path}.s3.bucket`, ref.s3?.bucket, 63);
  c.text(`${path}.s3.key`, ref.s3?.key, 1024);
  return { s3: { bucket: ref.s3.bucket, key: ref.s3.key } };
}

/** A text message; `previewUrl` renders the first http(s) URL as a preview. Body ≤ 4096. */
export function textMessage(body: string, opts: { previewUrl?: boolean } = {}): CloudApiMessage {
  const c = new Checker("text");
  c.text("text.body", body, 4096);
  c.done();
  return { type: "text", text: { body, ...(opts.previewUrl === undefined ? {} : { preview_url: opts.previewUrl }) } };
}

/** Options of a media message: caption (image/video/document ≤ 1024) and filename (document). */
export interface MediaOptions {
  caption?: string;
  filename?: string;
}

/** An image, video, audio, document or sticker message by media id, link or S3 object. */
export function mediaMessage(kind: MediaKind, ref: MediaRef, opts: MediaOptions = {}): CloudApiMessage {
  const c = new Checker(kind);
  const obj = mediaObject(c, kind, ref);
  if (opts.caption !== undefined) {
    if (kind === "audio" || kind === "sticker") c.fail(`${kind}.caption`, `${kind} messages take no caption`);
    else c.text(`${kind}.caption`, opts.caption, 1024);
    obj["caption"] = opts.caption;
  }
  if (opts.filename !== undefined) {
    if (kind !== "document") c.fail(`${kind}.filename`, "only documents take a filename");
    else c.text("document.filename", opts.filename, 240);
    obj["filename"] = opts.filename;
  }
  c.done();
  return { type: kind, [kind]: obj };
}

/** Shorthands for `mediaMessage`. */
export const imageMessage = (ref: MediaRef, caption?: string): CloudApiMessage =>
  mediaMessage("image", ref, caption === undefined ? {} : { caption });
export const videoMessage = (ref: MediaRef, caption?: string): CloudApiMessage =>
  mediaMessage("video", ref, caption === undefined ? {} : { caption });
export const audioMessage = (ref: MediaRef): CloudApiMessage => mediaMessage("audio", ref);
export const stickerMessage = (ref: MediaRef): CloudApiMessage => mediaMessage("sticker", ref);
export const documentMessage = (ref: MediaRef, opts: MediaOptions = {}): CloudApiMessage =>
  mediaMessage("document", ref, opts);

/** A location pin; latitude −90..90, longitude −180..180; name and address optional. */
export function locationMessage(loc: {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}): CloudApiMessage {
  const c = new Checker("location");
  if (!Number.isFinite(loc.latitude) || Math.abs(loc.latitude) > 90)
    c.fail("location.latitude", `${loc.latitude} is not within −90..90`);
  if (!Number.isFinite(loc.longitude) || Math.abs(loc.longitude) > 180)
    c.fail("location.longitude", `${loc.longitude} is not within −180..180`);
  if (loc.name !== undefined) c.text("location.name", loc.name, 1000);
  if (loc.address !== undefined) c.text("location.address", loc.address, 1000);
  c.done();
  return { type: "location", location: { ...loc } };
}

/** One contact card; `name.formatted_name` is required, the rest follows Meta's contacts object. */
export interface ContactCard {
  name: {
    formatted_name: string;
    first_name?: string;
    last_name?: string;
    middle_name?: string;
    prefix?: string;
    suffix?: string;
  };
  phones?: Array<{ phone?: string; type?: string; wa_id?: string }>;
  emails?: Array<{ email?: string; type?: string }>;
  urls?: Array<{ url?: string; type?: string }>;
  addresses?: Array<Record<string, string>>;
  org?: { company?: string; department?: string; title?: string };
  birthday?: string;
}

/** A contacts message: 1–257 cards. */
export function contactsMessage(contacts: readonly ContactCard[]): CloudApiMessage {
  const c = new Checker("contacts");
  c.count("contacts", contacts, 1, 257, "contacts");
  contacts.forEach((card, i) => {
    c.text(`contacts[${i}].name.formatted_name`, card?.name?.formatted_name, 1000);
    if (card.birthday !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(card.birthday))
      c.fail(`contacts[${i}].birthday`, `"${card.birthday}" must be YYYY-MM-DD`);
  });
  c.done();
  return { type: "contacts", contacts: contacts.map((x) => ({ ...x })) };
}

/** A reaction to an earlier message (≤ 30 days old); an empty emoji removes the reaction. */
export function reactionMessage(messageId: string, emoji: string): CloudApiMessage {
  const c = new Checker("reaction");
  c.text("reaction.message_id", messageId, 256);
  if (typeof emoji !== "string") c.fail("reaction.emoji", "must be a string");
  else if (emoji !== "" && chars1(emoji) !== 1) c.fail("reaction.emoji", `"${emoji}" must be a single emoji`);
  c.done();
  return { type: "reaction", reaction: { message_id: messageId, emoji } };
}

function chars1(s: string): number {
  return [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(s)].length;
}

/** Marks `message` as a reply to `messageId` (shown quoted). Reactions cannot be replies. */
export function withReplyContext(message: CloudApiMessage, messageId: string): CloudApiMessage {
  const c = new Checker(message.type ?? "message");
  c.text("context.message_id", messageId, 256);
  if (message.type === "reaction") c.fail("context", "a reaction cannot be sent as a reply");
  if (message["status"] === "read") c.fail("context", "a read receipt cannot carry a reply context");
  c.done();
  return { ...message, context: { message_id: messageId } };
}

/** Marks an inbound message as read (blue ticks). Sent without `to`. */
export function markAsRead(messageId: string): CloudApiMessage {
  const c = new Checker("read");
  c.text("message_id", messageId, 256);
  c.done();
  return { status: "read", message_id: messageId };
}

/** Marks an inbound message as read and shows the typing indicator (≤ 25 s or until the next reply). */
export function typingIndicator(messageId: string): CloudApiMessage {
  return { ...markAsRead(messageId), typing_indicator: { type: "text" } };
}
