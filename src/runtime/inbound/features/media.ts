/**
 * Inbound media: downloaded to S3 through EUM's GetWhatsAppMessageMedia (`destinationS3File`) as soon as the message
 * arrives — webhook media ids live 7 days — and recorded with type, MIME type and size. EUM writes the object at
 * `<key prefix><mediaId>.<ext>` (eum-api.md §4); the stored key is read back from S3 rather than guessed.
 */
import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { GetWhatsAppMessageMediaCommand, type SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { AwsCallError } from "../../shared/aws.ts";
import { type InboundDeps, originationOf } from "../deps.ts";
import type { MessageEvent } from "../events.ts";
import { mediaRecordKey } from "../tables.ts";

/** Message types that carry a media id. */
export const MEDIA_TYPES = new Set(["image", "video", "audio", "document", "sticker"]);

/** Where a downloaded media object went. */
export interface DownloadedMedia {
  bucket: string;
  key: string;
  mimeType: string;
  /** EUM's `fileSize` (documented as KB). */
  fileSizeKb: number | undefined;
  /** Bytes, from S3. */
  bytes: number | undefined;
}

/** Downloads one media id to S3. Throws `MediaGoneError` when EUM no longer has it (permanent). */
export interface MediaDownloader {
  download(a: {
    mediaId: string;
    originationPhoneNumberId: string;
    metaPhoneNumberId: string;
    mimeType?: string;
  }): Promise<DownloadedMedia>;
}

/** The media id expired or never existed: nothing to retry. */
export class MediaGoneError extends Error {
  constructor(mediaId: string, cause: unknown) {
    super(`media ${mediaId} is no longer available at EUM: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = "MediaGoneError";
  }
}

/** Extension EUM derives from a MIME type (subtype, with the common aliases). */
export function extensionOf(mimeType: string): string {
  const sub = (mimeType.split(";")[0] ?? "").split("/")[1] ?? "bin";
  const alias: Record<string, string> = { jpeg: "jpeg", mpeg: "mp3", mp4: "mp4", "3gpp": "3gp", plain: "txt" };
  return alias[sub] ?? sub;
}

/** The EUM + S3 downloader. */
export function createEumMediaDownloader(o: {
  eum: SocialMessagingClient;
  s3: S3Client;
  bucket: string;
  /** Key prefix; default `inbound/`. The phone's Meta id and a slash are appended. */
  prefix?: string;
}): MediaDownloader {
  return {
    async download({ mediaId, originationPhoneNumberId, metaPhoneNumberId }) {
      const prefix = `${o.prefix ?? "inbound/"}${metaPhoneNumberId}/`;
      let res: { mimeType?: string | undefined; fileSize?: number | undefined };
      try {
        res = await o.eum.send(
          new GetWhatsAppMessageMediaCommand({
            mediaId,
            originationPhoneNumberId,
            destinationS3File: { bucketName: o.bucket, key: prefix },
          }),
        );
      } catch (err) {
        if ((err as Error).name === "ResourceNotFoundException") throw new MediaGoneError(mediaId, err);
        throw new AwsCallError("GetWhatsAppMessageMedia", mediaId, err);
      }
      const listed = await o.s3
        .send(new ListObjectsV2Command({ Bucket: o.bucket, Prefix: `${prefix}${mediaId}.`, MaxKeys: 5 }))
        .catch((err: unknown) => {
          throw new AwsCallError("ListObjectsV2", `${o.bucket}/${prefix}${mediaId}.`, err);
        });
      const obj = listed.Contents?.[0];
      const mimeType = res.mimeType ?? "application/octet-stream";
      return {
        bucket: o.bucket,
        key: obj?.Key ?? `${prefix}${mediaId}.${extensionOf(mimeType)}`,
        mimeType,
        fileSizeKb: res.fileSize,
        bytes: obj?.Size,
      };
    },
  };
}

/** Downloads and records the media of one message. */
export async function onMedia(deps: InboundDeps, ev: MessageEvent): Promise<void> {
  const type = ev.message.type;
  const part = ev.message[type] as {
    id: string;
    mime_type?: string;
    sha256?: string;
    caption?: string;
    filename?: string;
  };
  const base = {
    mediaId: part.id,
    type,
    wamid: ev.message.id,
    from: ev.message.from,
    phone: ev.phone.metaPhoneNumberId,
    declaredMimeType: part.mime_type,
    sha256: part.sha256,
    filename: part.filename,
  };
  if (deps.media === undefined) {
    await deps.records.put(mediaRecordKey(part.id), { ...base, state: "not-downloaded" }, deps.now());
    return;
  }
  try {
    const got = await deps.media.download({
      mediaId: part.id,
      originationPhoneNumberId: originationOf(ev.phone),
      metaPhoneNumberId: ev.phone.metaPhoneNumberId,
      ...(part.mime_type === undefined ? {} : { mimeType: part.mime_type }),
    });
    await deps.records.put(
      mediaRecordKey(part.id),
      {
        ...base,
        state: "stored",
        bucket: got.bucket,
        key: got.key,
        mimeType: got.mimeType,
        fileSizeKb: got.fileSizeKb,
        bytes: got.bytes,
      },
      deps.now(),
    );
    deps.metrics.count("MediaStored", { type });
  } catch (err) {
    if (!(err instanceof MediaGoneError)) throw err;
    await deps.records.put(mediaRecordKey(part.id), { ...base, state: "gone", error: err.message }, deps.now());
    deps.metrics.count("MediaGone", { type });
  }
}
