/** S3 access for media operations, against the AWS-compatible endpoint the emulator was given (moto_server). */
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { EumError, invalidParameters } from "./errors.ts";

const clients = new Map<string, S3Client>();

function s3(endpoint: string | undefined, region: string): S3Client {
  if (endpoint === undefined)
    throw new EumError(
      "DependencyException",
      "The emulator has no AWS endpoint for S3: start it with awsEndpoint / --aws-endpoint (e.g. a moto_server URL)",
    );
  const key = `${endpoint}|${region}`;
  let c = clients.get(key);
  if (!c) {
    c = new S3Client({
      endpoint,
      region,
      forcePathStyle: true,
      credentials: {
        accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "test",
        secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "test",
      },
    });
    clients.set(key, c);
  }
  return c;
}

/** Reads an S3 object; missing bucket/key is the caller's parameter problem. */
export async function readS3(
  endpoint: string | undefined,
  region: string,
  bucket: string,
  key: string,
): Promise<{ data: Buffer; contentType?: string }> {
  try {
    const r = await s3(endpoint, region).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const bytes = await r.Body?.transformToByteArray();
    const out: { data: Buffer; contentType?: string } = { data: Buffer.from(bytes ?? []) };
    if (r.ContentType !== undefined) out.contentType = r.ContentType;
    return out;
  } catch (err) {
    if (err instanceof EumError) throw err;
    const name = (err as Error).name;
    throw invalidParameters(`Could not read s3://${bucket}/${key}: ${name}: ${(err as Error).message}`);
  }
}

/** Writes an S3 object. */
export async function writeS3(
  endpoint: string | undefined,
  region: string,
  bucket: string,
  key: string,
  data: Buffer,
  contentType: string,
): Promise<void> {
  try {
    await s3(endpoint, region).send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: data, ContentType: contentType }),
    );
  } catch (err) {
    if (err instanceof EumError) throw err;
    throw invalidParameters(`Could not write s3://${bucket}/${key}: ${(err as Error).name}: ${(err as Error).message}`);
  }
}

/** Media kinds, MIME types and size limits (eum-api.md §4; whatsapp-rules.md §2.3). */
export const MEDIA_TYPES: Record<string, { kind: string; max: number; ext: string }> = {
  "audio/aac": { kind: "audio", max: 16 * 1024 * 1024, ext: "aac" },
  "audio/amr": { kind: "audio", max: 16 * 1024 * 1024, ext: "amr" },
  "audio/mpeg": { kind: "audio", max: 16 * 1024 * 1024, ext: "mp3" },
  "audio/mp4": { kind: "audio", max: 16 * 1024 * 1024, ext: "m4a" },
  "audio/ogg": { kind: "audio", max: 16 * 1024 * 1024, ext: "ogg" },
  "text/plain": { kind: "document", max: 100 * 1024 * 1024, ext: "txt" },
  "application/pdf": { kind: "document", max: 100 * 1024 * 1024, ext: "pdf" },
  "application/vnd.ms-excel": { kind: "document", max: 100 * 1024 * 1024, ext: "xls" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    kind: "document",
    max: 100 * 1024 * 1024,
    ext: "xlsx",
  },
  "application/msword": { kind: "document", max: 100 * 1024 * 1024, ext: "doc" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    kind: "document",
    max: 100 * 1024 * 1024,
    ext: "docx",
  },
  "application/vnd.ms-powerpoint": { kind: "document", max: 100 * 1024 * 1024, ext: "ppt" },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
    kind: "document",
    max: 100 * 1024 * 1024,
    ext: "pptx",
  },
  "image/jpeg": { kind: "image", max: 5 * 1024 * 1024, ext: "jpeg" },
  "image/png": { kind: "image", max: 5 * 1024 * 1024, ext: "png" },
  "image/webp": { kind: "sticker", max: 500 * 1024, ext: "webp" },
  "video/mp4": { kind: "video", max: 16 * 1024 * 1024, ext: "mp4" },
  "video/3gpp": { kind: "video", max: 16 * 1024 * 1024, ext: "3gp" },
};

const BY_EXT: Record<string, string> = {
  aac: "audio/aac",
  amr: "audio/amr",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  ogg: "audio/ogg",
  txt: "text/plain",
  pdf: "application/pdf",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  mp4: "video/mp4",
  "3gp": "video/3gpp",
  gif: "image/gif",
};

/** The MIME type of an object: its Content-Type unless generic, else from the key's extension. */
export function mimeTypeOf(key: string, contentType: string | undefined): string {
  const ct = contentType?.split(";")[0]?.trim().toLowerCase();
  if (ct && ct !== "binary/octet-stream" && ct !== "application/octet-stream") return ct;
  const ext = key.split(".").pop()?.toLowerCase() ?? "";
  return BY_EXT[ext] ?? ct ?? "application/octet-stream";
}

/** Checks type and size as WhatsApp does on upload; the message names the limit. */
export function checkMedia(mimeType: string, size: number, allowedKinds?: readonly string[]): void {
  const t = MEDIA_TYPES[mimeType];
  if (!t) throw invalidParameters(`(#131053) Media upload error: unsupported media type ${mimeType}`);
  if (allowedKinds && !allowedKinds.includes(t.kind))
    throw invalidParameters(`(#131053) Media type ${mimeType} (${t.kind}) is not allowed here`);
  if (size === 0) throw invalidParameters("(#131053) Media upload error: the file is empty");
  if (size > t.max)
    throw invalidParameters(
      `(#131053) Media upload error: ${t.kind} is ${size} bytes; the limit for ${mimeType} is ${t.max} bytes`,
    );
}
