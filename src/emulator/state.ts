/**
 * The emulator's durable state (what EUM and Meta would remember) and its persistence. Sent messages and published
 * events are not part of it: they live in bounded in-memory histories.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { ReviewDecision } from "./review.ts";

/** A resource tag. */
export interface Tag {
  key: string;
  value?: string | undefined;
}

/** A WABA event destination. */
export interface EventDestination {
  eventDestinationArn: string;
  roleArn?: string;
}

/** A linked phone number. */
export interface PhoneRecord {
  id: string; // phone-number-id-<32hex>
  arn: string;
  wabaId: string;
  metaPhoneNumberId: string;
  phoneNumber: string;
  displayPhoneNumber: string;
  displayName: string;
  qualityRating: string;
  dataLocalizationRegion?: string;
  tags: Tag[];
}

/** A linked WhatsApp Business Account. */
export interface WabaRecord {
  id: string; // waba-<32hex>
  arn: string;
  metaWabaId: string;
  name: string;
  registrationStatus: "COMPLETE" | "INCOMPLETE";
  linkDate: number; // epoch seconds
  eventDestinations: EventDestination[];
  marketingMessagesOnboardingStatus?: string;
  templateLimit: number;
  currency: string;
  timezoneId: string;
  messageTemplateNamespace: string;
  tags: Tag[];
}

/** Meta template statuses. */
export type TemplateStatus =
  | "APPROVED"
  | "PENDING"
  | "REJECTED"
  | "PAUSED"
  | "DISABLED"
  | "IN_APPEAL"
  | "PENDING_DELETION"
  | "DELETED"
  | "LIMIT_EXCEEDED"
  | "ARCHIVED";

/** A message template as Meta keeps it. */
export interface TemplateRecord {
  wabaId: string;
  metaTemplateId: string;
  name: string;
  language: string;
  category: string;
  /** Category requested at submission (Meta may approve a UTILITY submission as MARKETING). */
  requestedCategory: string;
  previousCategory?: string;
  status: TemplateStatus;
  rejectedReason: string;
  qualityScore: string;
  parameterFormat: "POSITIONAL" | "NAMED";
  /** As submitted (re-reviewed after a category/format-only edit). */
  submittedComponents: Record<string, unknown>[];
  /** Meta's stored form: component/format/button types upper-case. */
  components: Record<string, unknown>[];
  messageSendTtlSeconds?: number;
  ctaUrlLinkTrackingOptedOut?: boolean;
  libraryTemplateName?: string;
  createdAt: number;
  updatedAt: number;
  /** When a PENDING template gets its review decision. */
  reviewAt?: number;
  /** The decision the review will apply (computed from the submitted definition). */
  pendingDecision?: ReviewDecision;
  /** Edit times while APPROVED (quota: 1 per 24 h, 10 per 30 days). */
  approvedEdits: number[];
  /** Set once the template has been approved: category is then fixed. */
  everApproved: boolean;
}

/** A WhatsApp Flow. */
export interface FlowRecord {
  flowId: string;
  wabaId: string;
  name: string;
  categories: string[];
  status: "DRAFT" | "PUBLISHED" | "DEPRECATED" | "BLOCKED" | "THROTTLED";
  json?: string;
  validationErrors: string[];
  jsonVersion?: string;
  dataApiVersion?: string;
  endpointUri?: string;
  previewToken: string;
  previewExpiresAt: number;
  createdAt: number;
}

/** Uploaded (outbound) or received (inbound) media; bytes are kept apart. */
export interface MediaRecord {
  mediaId: string;
  phoneNumberId: string;
  mimeType: string;
  size: number;
  sha256: string;
  direction: "outbound" | "inbound";
  createdAt: number;
  expiresAt: number;
}

/** A template header media handle. */
export interface HeaderHandleRecord {
  handle: string;
  wabaId: string;
  mimeType: string;
  size: number;
  createdAt: number;
}

/** A sign-up between its callback and its finalization. */
export interface PendingSignup {
  token: string;
  metaWabaId: string;
  accountName: string;
  phones: { id: string; metaPhoneNumberId: string; phoneNumber: string; displayPhoneNumber: string; name: string }[];
  createdAt: number;
}

/** Everything the emulator persists. */
export interface EmulatorState {
  version: 1;
  accountId: string;
  region: string;
  clockOffsetMs: number;
  wabas: Record<string, WabaRecord>;
  phones: Record<string, PhoneRecord>;
  templates: Record<string, TemplateRecord>;
  /** `${wabaId}|${name}` → epoch ms until which the name cannot be reused. */
  lockedNames: Record<string, number>;
  flows: Record<string, FlowRecord>;
  media: Record<string, MediaRecord>;
  headerHandles: Record<string, HeaderHandleRecord>;
  pendingSignups: Record<string, PendingSignup>;
  /** `${phoneNumberId}|${waId}` → epoch ms of the user's last inbound message (24 h window). */
  lastInbound: Record<string, number>;
  counters: { template: number; flow: number; media: number; waba: number };
}

/** Reads a state file written by `saveState`; undefined when the file does not exist. */
export function loadState(path: string): EmulatorState | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const parsed = JSON.parse(text) as EmulatorState;
  if (parsed.version !== 1) throw new Error(`${path}: unsupported emulator state version ${String(parsed.version)}`);
  return parsed;
}

/** Atomic write: temp file in the same directory, fsync, rename over the target, fsync the directory. */
export function saveState(path: string, state: EmulatorState): void {
  writeFileAtomic(path, JSON.stringify(state));
}

/** Writes `data` to `path` so that a crash leaves either the old or the new content, never a torn file. */
export function writeFileAtomic(path: string, data: string | Buffer): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    const buf = typeof data === "string" ? Buffer.from(data) : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  try {
    const dfd = openSync(dir, "r");
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic.
  }
}
