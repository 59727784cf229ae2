/**
 * Media out: messages may reference an S3 object (`{ s3: { bucket, key } }`); before sending, the sender uploads it
 * with PostWhatsAppMessageMedia (sourceS3File), caches the media id per phone and object version (ETag) in the
 * outbound table until WhatsApp's 30-day expiry (minus a margin), and re-uploads after that.
 */
import { HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { PostWhatsAppMessageMediaCommand, type SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { AwsCallError } from "../shared/aws.ts";
import { mediaKey, OUTBOUND_TABLE_TTL } from "./tables.ts";

const MB = 1024 * 1024;
const DAY_MS = 24 * 3600 * 1000;

/** Allowed MIME types and maximum bytes per media kind (whatsapp-rules.md §2.3, eum-api.md §4). */
export const MEDIA_LIMITS: Readonly<Record<string, { types: readonly string[]; maxBytes: number }>> = {
  audio: { types: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"], maxBytes: 16 * MB },
  document: {
    types: [
      "text/plain",
      "application/pdf",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
    maxBytes: 100 * MB,
  },
  image: { types: ["image/jpeg", "image/png"], maxBytes: 5 * MB },
  sticker: { types: ["image/webp"], maxBytes: 500 * 1024 },
  video: { types: ["video/mp4", "video/3gpp"], maxBytes: 16 * MB },
};

const EXT_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  mp4: "video/mp4",
  "3gp": "video/3gpp",
  aac: "audio/aac",
  amr: "audio/amr",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  ogg: "audio/ogg",
  txt: "text/plain",
  pdf: "application/pdf",
};

/** The S3 object cannot be sent as this media kind (type or size), or could not be read. */
export class MediaRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MediaRejectedError";
  }
}

/** Dependencies of the media cache. */
export interface MediaCacheDeps {
  s3: S3Client;
  eum: SocialMessagingClient;
  ddb: DynamoDBDocumentClient;
  table: string;
  now?: () => number;
  /** Re-upload this long before WhatsApp's 30-day expiry; default 1 day. */
  marginMs?: number;
}

/** Resolves S3 media references to WhatsApp media ids, uploading at most once per phone, object version and 30 days. */
export class MediaCache {
  readonly #d: MediaCacheDeps;
  readonly #memo = new Map<string, { mediaId: string; expiresAt: number }>();
  /** Uploads done by this instance (for tests and metrics). */
  uploads = 0;

  constructor(deps: MediaCacheDeps) {
    this.#d = deps;
  }

  /** Returns a media id for `bucket/key` usable by `phoneId` as `kind`. */
  async mediaIdFor(phoneId: string, kind: string, bucket: string, key: string): Promise<string> {
    const now = (this.#d.now ?? Date.now)();
    const margin = this.#d.marginMs ?? DAY_MS;
    let head: { ContentType?: string | undefined; ContentLength?: number | undefined; ETag?: string | undefined };
    try {
      head = await this.#d.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    } catch (err) {
      if ((err as Error).name === "NotFound" || (err as Error).name === "NoSuchKey")
        throw new MediaRejectedError(`s3://${bucket}/${key} does not exist`);
      throw new AwsCallError("HeadObject", `s3://${bucket}/${key}`, err);
    }
    checkMediaLimits(kind, key, head.ContentType, head.ContentLength ?? 0);
    const pk = mediaKey(phoneId, bucket, key, (head.ETag ?? "").replaceAll('"', ""));
    const memo = this.#memo.get(pk);
    if (memo !== undefined && memo.expiresAt - margin > now) return memo.mediaId;
    const got = await this.#d.ddb.send(new GetCommand({ TableName: this.#d.table, Key: { pk } }));
    const item = got.Item as { mediaId?: string; expiresAt?: number } | undefined;
    if (item?.mediaId !== undefined && (item.expiresAt ?? 0) - margin > now) {
      this.#memo.set(pk, { mediaId: item.mediaId, expiresAt: item.expiresAt ?? 0 });
      return item.mediaId;
    }
    let mediaId: string;
    try {
      const res = await this.#d.eum.send(
        new PostWhatsAppMessageMediaCommand({
          originationPhoneNumberId: phoneId,
          sourceS3File: { bucketName: bucket, key },
        }),
      );
      mediaId = res.mediaId ?? "";
    } catch (err) {
      throw new AwsCallError("PostWhatsAppMessageMedia", `s3://${bucket}/${key}`, err);
    }
    this.uploads++;
    const expiresAt = now + 30 * DAY_MS;
    await this.#d.ddb.send(
      new PutCommand({
        TableName: this.#d.table,
        Item: { pk, mediaId, expiresAt, [OUTBOUND_TABLE_TTL]: Math.ceil(expiresAt / 1000) },
      }),
    );
    this.#memo.set(pk, { mediaId, expiresAt });
    return mediaId;
  }

  /** Returns a copy of a Cloud API message with every `{ s3 }` media reference replaced by `{ id }`. */
  async resolve<T>(phoneId: string, message: T): Promise<T> {
    const walk = async (v: unknown, parentKey: string): Promise<unknown> => {
      if (Array.isArray(v)) return Promise.all(v.map((x) => walk(x, parentKey)));
      if (v === null || typeof v !== "object") return v;
      const o = v as Record<string, unknown>;
      const s3 = o["s3"] as { bucket?: string; key?: string } | undefined;
      if (s3 !== undefined && typeof s3 === "object" && typeof s3.bucket === "string" && typeof s3.key === "string") {
        const { s3: _s3, ...rest } = o;
        return { ...rest, id: await this.mediaIdFor(phoneId, parentKey, s3.bucket, s3.key) };
      }
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o)) out[k] = await walk(x, k);
      return out;
    };
    return (await walk(message, "")) as T;
  }
}

/** Checks an object's type and size against the limits of `kind`; throws `MediaRejectedError`. */
export function checkMediaLimits(kind: string, key: string, contentType: string | undefined, size: number): void {
  const limits = MEDIA_LIMITS[kind];
  if (limits === undefined)
    throw new MediaRejectedError(`"${kind}" is not a media kind (image, video, audio, document, sticker)`);
  const ext = key.split(".").pop()?.toLowerCase() ?? "";
  const ct = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  const type =
    ct && ct !== "application/octet-stream" && ct !== "binary/octet-stream" ? ct : (EXT_TYPES[ext] ?? ct ?? "");
  if (!limits.types.includes(type))
    throw new MediaRejectedError(
      `${key}: type "${type || "unknown"}" cannot be sent as ${kind}; allowed: ${limits.types.join(", ")}`,
    );
  if (size > limits.maxBytes)
    throw new MediaRejectedError(`${key}: ${size} bytes is over the ${kind} limit of ${limits.maxBytes} bytes`);
}
