/** SendWhatsAppMessage (with Meta's delivery outcome as status events) and the message media operations. */
import { createHash, randomBytes } from "node:crypto";
import { checkMedia, MEDIA_TYPES, mimeTypeOf, readS3, writeS3 } from "./aws.ts";
import { type CheckedMessage, checkCloudMessage } from "./cloud-message.ts";
import { DAY_MS, type Engine } from "./engine.ts";
import { EumError, invalidParameters, notFound } from "./errors.ts";
import type { Operation } from "./operation.ts";
import { paramTokens } from "./review.ts";
import { MEDIA_ID, PHONE_ID, type Rule, S3_FILE } from "./shape.ts";
import type { PhoneRecord, TemplateRecord } from "./state.ts";

type Obj = Record<string, unknown>;

const PRESIGNED: Rule = {
  t: "object",
  fields: {
    url: { t: "string", req: true, min: 1, max: 2000 },
    headers: { t: "map", req: true },
  },
};

/** Meta's error objects for `failed` statuses (whatsapp-rules.md §7.1). */
export const META_ERRORS: Record<number, { title: string; details: string }> = {
  131047: {
    title: "Re-engagement message",
    details:
      "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
  },
  132001: {
    title: "Template name does not exist in the translation",
    details: "template name does not exist in the translation",
  },
  132000: {
    title: "Number of parameters does not match the expected number of params",
    details: "body: number of localizable_params does not match the expected number of params",
  },
  132012: {
    title: "Parameter format does not match format in the created template",
    details: "parameter format does not match the template's parameter_format",
  },
  132015: { title: "Template is Paused", details: "The template is paused because of low quality" },
  132016: { title: "Template is Disabled", details: "The template has been paused too many times and is disabled" },
  131026: { title: "Message undeliverable", details: "Message undeliverable" },
  130429: { title: "Rate limit hit", details: "Cloud API message throughput has been reached" },
  131056: {
    title: "(Business Account, Consumer Account) pair rate limit hit",
    details:
      "Too many messages sent from the sender phone number to the same recipient phone number in a short period of time",
  },
  131049: {
    title: "This message was not delivered to maintain healthy ecosystem engagement",
    details: "In order to maintain a healthy ecosystem engagement, the message failed to be delivered",
  },
  131050: {
    title: "User has stopped marketing messages",
    details: "Unable to deliver the marketing message: the user has stopped marketing messages from your business",
  },
  131000: { title: "Something went wrong", details: "Message failed to send due to an unknown error" },
  131016: { title: "Service unavailable", details: "A service is temporarily unavailable" },
  131021: { title: "Recipient cannot be sender", details: "Sender and recipient phone number is the same" },
  131057: { title: "Account in maintenance mode", details: "Business Account is in maintenance mode" },
};

const digits = (s: string): string => s.replace(/^\+/, "");

let touches = 0;

/** Opens (or refreshes) the 24-hour customer service window of a user with a phone number. */
export function touchWindow(e: Engine, phoneId: string, waId: string, at: number): void {
  const windows = e.state.lastInbound;
  windows[`${phoneId}|${digits(waId)}`] = at;
  // Closed windows carry no information; prune them so the map stays bounded under load.
  if (++touches % 10_000 === 0 && Object.keys(windows).length > 50_000)
    for (const [k, t] of Object.entries(windows)) if (at - t > DAY_MS) delete windows[k];
}

let wamidCounter = 0;
const wamidPrefix = randomBytes(9).toString("base64url");
/** A Meta-style message id. */
export function newWamid(): string {
  wamidCounter++;
  // Unique per process start (random prefix) and per message (counter); no per-message entropy needed.
  return `wamid.HBgL${wamidPrefix}${wamidCounter.toString(36).padStart(10, "0")}`;
}

function templateFailure(e: Engine, phone: PhoneRecord, msg: Obj): { code: number; t?: TemplateRecord } | undefined {
  const tpl = msg.template as { name: string; language: { code: string }; components?: Obj[] };
  const t = e.templatesOf(phone.wabaId).find((x) => x.name === tpl.name && x.language === tpl.language.code);
  if (!t) return { code: 132001 };
  if (t.status === "PAUSED") return { code: 132015, t };
  if (t.status === "DISABLED") return { code: 132016, t };
  if (t.status !== "APPROVED") return { code: 132001, t };
  const sent = tpl.components ?? [];
  for (const part of ["HEADER", "BODY"]) {
    const comp = t.components.find((c) => c.type === part);
    const expected = new Set(paramTokens(typeof comp?.text === "string" ? comp.text : undefined));
    const given = sent.find((c) => String(c.type).toUpperCase() === part);
    const params = Array.isArray(given?.parameters) ? (given.parameters as Obj[]) : [];
    const textParams = part === "HEADER" && comp?.format !== "TEXT" ? [] : params;
    if (part === "HEADER" && comp?.format !== "TEXT") continue;
    if (textParams.length !== expected.size) return { code: 132000, t };
    const named = textParams.some((p) => typeof p.parameter_name === "string");
    if (textParams.length > 0 && named !== (t.parameterFormat === "NAMED")) return { code: 132012, t };
  }
  return undefined;
}

function statusValue(phone: PhoneRecord, status: Obj): Obj {
  return {
    messaging_product: "whatsapp",
    metadata: {
      display_phone_number: phone.displayPhoneNumber.replace(/\D/g, ""),
      phone_number_id: phone.metaPhoneNumberId,
    },
    statuses: [status],
  };
}

function emitStatuses(
  e: Engine,
  phone: PhoneRecord,
  wamid: string,
  to: string,
  checked: CheckedMessage,
  pricingCategory: string,
  failure: number | undefined,
  callbackData: string | undefined,
): void {
  const waba = e.state.wabas[phone.wabaId];
  if (!waba) return;
  const ts = String(Math.floor(e.now() / 1000));
  const recipient = digits(to);
  if (failure !== undefined) {
    const info = META_ERRORS[failure] ?? { title: "Failure", details: "Message failed" };
    e.emit(
      waba,
      [phone],
      "messages",
      statusValue(phone, {
        id: wamid,
        status: "failed",
        timestamp: ts,
        recipient_id: recipient,
        ...(callbackData === undefined ? {} : { biz_opaque_callback_data: callbackData }),
        errors: [
          {
            code: failure,
            title: info.title,
            message: info.title,
            error_data: { details: info.details },
            href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
          },
        ],
      }),
    );
    return;
  }
  const pricing = {
    billable: pricingCategory !== "service",
    pricing_model: "PMP",
    type: pricingCategory === "service" ? "free_customer_service" : "regular",
    category: pricingCategory,
  };
  const steps = checked.type === "reaction" ? ["sent"] : ["sent", "delivered", "read"];
  for (const status of steps) {
    const s: Obj = { id: wamid, status, timestamp: ts, recipient_id: recipient };
    if (callbackData !== undefined) s.biz_opaque_callback_data = callbackData;
    if (status !== "read") s.pricing = pricing;
    e.emit(waba, [phone], "messages", statusValue(phone, s));
  }
}

function checkPresignedUrl(e: Engine, url: string): void {
  const aws = /^https:\/\/(.*)s3(.*)\.amazonaws\.com\/(.*)$/.test(url);
  const local = e.opts.awsEndpoint !== undefined && url.startsWith(`${e.opts.awsEndpoint}/`);
  if (!aws && !local)
    throw new EumError(
      "ValidationException",
      `1 validation error detected: Value at 'url' failed to satisfy constraint: Member must satisfy regular expression pattern: https://(.*)s3(.*).amazonaws.com/(.*)`,
    );
}

function mediaOf(e: Engine, phone: PhoneRecord, mediaId: string): NonNullable<Engine["state"]["media"][string]> {
  e.processDue();
  const m = e.state.media[mediaId];
  if (!m || m.phoneNumberId !== phone.id) throw notFound(`Media ${mediaId} not found for ${phone.id} (or expired)`);
  return m;
}

/** SendWhatsAppMessage and the message media operations. */
export const messageOperations: Operation[] = [
  {
    name: "SendWhatsAppMessage",
    method: "POST",
    path: "/v1/whatsapp/send",
    spec: {
      originationPhoneNumberId: PHONE_ID,
      message: { t: "blob", req: true, min: 1, max: 2_048_000 },
      metaApiVersion: { t: "string", req: true, min: 1 },
    },
    run(e, i) {
      const phone = e.phone(i.originationPhoneNumberId as string);
      const version = i.metaApiVersion as string;
      const vm = /^v(\d+)\.\d+$/.exec(version) ?? /^v(\d+)$/.exec(version);
      if (!vm) throw invalidParameters(`metaApiVersion "${version}" must look like v20.0`);
      if (Number(vm[1]) < 20) throw invalidParameters(`metaApiVersion ${version} is not supported; use v20.0 or later`);
      let msg: unknown;
      try {
        msg = JSON.parse((i.message as Buffer).toString("utf8"));
      } catch (err) {
        throw invalidParameters(`(#100) message is not valid JSON: ${(err as Error).message}`);
      }
      const checked = checkCloudMessage(msg);
      if ("error" in checked) throw invalidParameters(`(#100) Invalid parameter: ${checked.error}`);
      const m = msg as Obj;
      for (const id of checked.mediaIds) {
        const rec = e.state.media[id];
        if (!rec || rec.phoneNumberId !== phone.id || rec.expiresAt <= e.now())
          throw invalidParameters(`(#131053) Media ${id} was not uploaded by ${phone.id} or has expired`);
      }
      if (checked.kind === "read" || checked.kind === "typing") return { messageId: String(m.message_id) };
      const wamid = newWamid();
      const to = checked.to as string;
      const now = e.now();
      e.sent.push({ originationPhoneNumberId: phone.id, to, message: m, wamid, at: now });
      let failure: number | undefined;
      let category = "service";
      if (checked.kind === "template") {
        const f = templateFailure(e, phone, m);
        failure = f?.code;
        const t = e
          .templatesOf(phone.wabaId)
          .find(
            (x) => x.name === (m.template as Obj).name && x.language === ((m.template as Obj).language as Obj).code,
          );
        category = (t?.category ?? "utility").toLowerCase();
      } else {
        const last = e.state.lastInbound[`${phone.id}|${digits(to)}`];
        if (last === undefined || now - last > DAY_MS) failure = 131047;
      }
      if (failure === undefined) failure = e.takeDeliveryFailure(phone.id, to);
      const callbackData = typeof m.biz_opaque_callback_data === "string" ? m.biz_opaque_callback_data : undefined;
      setImmediate(() => emitStatuses(e, phone, wamid, to, checked, category, failure, callbackData));
      return { messageId: wamid };
    },
  },
  {
    name: "PostWhatsAppMessageMedia",
    method: "POST",
    path: "/v1/whatsapp/media",
    spec: { originationPhoneNumberId: PHONE_ID, sourceS3PresignedUrl: PRESIGNED, sourceS3File: S3_FILE },
    mutates: true,
    async run(e, i) {
      const phone = e.phone(i.originationPhoneNumberId as string);
      const file = i.sourceS3File as { bucketName: string; key: string } | undefined;
      const pre = i.sourceS3PresignedUrl as { url: string; headers: Record<string, string> } | undefined;
      if ((file === undefined) === (pre === undefined))
        throw invalidParameters("Provide exactly one of sourceS3File or sourceS3PresignedUrl");
      let data: Buffer;
      let mimeType: string;
      if (file) {
        const obj = await readS3(e.opts.awsEndpoint, e.state.region, file.bucketName, file.key);
        data = obj.data;
        mimeType = mimeTypeOf(file.key, obj.contentType);
      } else {
        const p = pre!;
        checkPresignedUrl(e, p.url);
        const ctKey = Object.keys(p.headers).find((k) => k.toLowerCase() === "content-type");
        if (ctKey === undefined) throw invalidParameters("sourceS3PresignedUrl.headers must include Content-Type");
        mimeType = (p.headers[ctKey] ?? "").toLowerCase();
        const headers = Object.fromEntries(Object.entries(p.headers).filter(([k]) => k !== ctKey));
        const res = await fetch(p.url, { headers });
        if (!res.ok) throw invalidParameters(`Could not download the presigned URL: HTTP ${res.status}`);
        data = Buffer.from(await res.arrayBuffer());
      }
      checkMedia(mimeType, data.length);
      const now = e.now();
      const mediaId = String(1_500_000_000_000_000 + ++e.state.counters.media);
      e.state.media[mediaId] = {
        mediaId,
        phoneNumberId: phone.id,
        mimeType,
        size: data.length,
        sha256: createHash("sha256").update(data).digest("base64"),
        direction: "outbound",
        createdAt: now,
        expiresAt: now + 30 * DAY_MS,
      };
      e.putMediaBytes(mediaId, data);
      e.markDirty();
      return { mediaId };
    },
  },
  {
    name: "GetWhatsAppMessageMedia",
    method: "POST",
    path: "/v1/whatsapp/media/get",
    spec: {
      mediaId: MEDIA_ID,
      originationPhoneNumberId: PHONE_ID,
      metadataOnly: { t: "bool" },
      destinationS3PresignedUrl: PRESIGNED,
      destinationS3File: S3_FILE,
    },
    async run(e, i) {
      const phone = e.phone(i.originationPhoneNumberId as string);
      const file = i.destinationS3File as { bucketName: string; key: string } | undefined;
      const pre = i.destinationS3PresignedUrl as { url: string; headers: Record<string, string> } | undefined;
      if (file !== undefined && pre !== undefined)
        throw invalidParameters("Provide at most one of destinationS3File or destinationS3PresignedUrl");
      const m = mediaOf(e, phone, i.mediaId as string);
      const out = { mimeType: m.mimeType, fileSize: Math.ceil(m.size / 1024) };
      if (i.metadataOnly === true || (file === undefined && pre === undefined)) return out;
      const data = e.getMediaBytes(m.mediaId);
      if (!data) throw new EumError("DependencyException", `Media ${m.mediaId} content is no longer available`);
      const ext = MEDIA_TYPES[m.mimeType]?.ext ?? m.mimeType.split("/")[1] ?? "bin";
      if (file) {
        await writeS3(
          e.opts.awsEndpoint,
          e.state.region,
          file.bucketName,
          `${file.key}${m.mediaId}.${ext}`,
          data,
          m.mimeType,
        );
      } else {
        const p = pre!;
        checkPresignedUrl(e, p.url);
        const res = await fetch(p.url, { method: "PUT", headers: p.headers, body: data });
        if (!res.ok) throw invalidParameters(`Could not upload to the presigned URL: HTTP ${res.status}`);
      }
      return out;
    },
  },
  {
    name: "DeleteWhatsAppMessageMedia",
    method: "DELETE",
    path: "/v1/whatsapp/media",
    spec: { mediaId: MEDIA_ID, originationPhoneNumberId: PHONE_ID },
    mutates: true,
    run(e, i) {
      const phone = e.phone(i.originationPhoneNumberId as string);
      const m = mediaOf(e, phone, i.mediaId as string);
      delete e.state.media[m.mediaId];
      e.deleteMediaBytes(m.mediaId);
      e.markDirty();
      return { success: true };
    },
  },
];
