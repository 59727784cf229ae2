/**
 * zod schemas of what reaches the ingest queue: EUM's envelope (eum-api.md §3.2) and the Meta webhook `entry` it
 * carries as a JSON string (whatsapp-rules.md §6). Objects are loose: unknown fields are kept, never rejected, because
 * Meta adds fields without notice (`url` on media, `user_id`, `username`…).
 */
import { z } from "zod";

const str = z.string();
const num = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

/** EUM's SNS `Message`: context ids plus one Meta `entry` as a string. */
export const eumEnvelopeSchema = z.looseObject({
  context: z.looseObject({
    MetaWabaIds: z.array(z.looseObject({ wabaId: str, arn: str })).default([]),
    MetaPhoneNumberIds: z.array(z.looseObject({ metaPhoneNumberId: str, arn: str })).default([]),
  }),
  whatsAppWebhookEntry: str,
  aws_account_id: str.optional(),
  message_timestamp: str.optional(),
  messageId: str.optional(),
});
export type EumEnvelope = z.infer<typeof eumEnvelopeSchema>;

/** One Meta webhook `entry` (the decoded `whatsAppWebhookEntry`). */
export const metaEntrySchema = z.looseObject({
  id: str,
  time: num.optional(),
  changes: z.array(z.looseObject({ field: str, value: z.unknown() })),
});
export type MetaEntry = z.infer<typeof metaEntrySchema>;

const metadataSchema = z.looseObject({ display_phone_number: str.optional(), phone_number_id: str });
const errorSchema = z.looseObject({
  code: num,
  title: str.optional(),
  message: str.optional(),
  error_data: z.looseObject({ details: str.optional() }).optional(),
  href: str.optional(),
});
export type MetaError = z.infer<typeof errorSchema>;

const contextSchema = z.looseObject({
  from: str.optional(),
  id: str.optional(),
  forwarded: z.boolean().optional(),
  frequently_forwarded: z.boolean().optional(),
  referred_product: z.looseObject({ catalog_id: str, product_retailer_id: str }).optional(),
});

const referralSchema = z.looseObject({
  source_url: str.optional(),
  source_id: str.optional(),
  source_type: str.optional(),
  body: str.optional(),
  headline: str.optional(),
  media_type: str.optional(),
  ctwa_clid: str.optional(),
  welcome_message: z.looseObject({ text: str.optional() }).optional(),
});
export type Referral = z.infer<typeof referralSchema>;

const mediaSchema = z.looseObject({
  id: str,
  mime_type: str.optional(),
  sha256: str.optional(),
  caption: str.optional(),
  url: str.optional(),
});

/** Type-specific parts of an inbound message, by `type` (§6.2). */
export const messagePartSchemas = {
  text: z.looseObject({ text: z.looseObject({ body: str }) }),
  image: z.looseObject({ image: mediaSchema }),
  video: z.looseObject({ video: mediaSchema }),
  audio: z.looseObject({ audio: mediaSchema.extend({ voice: z.boolean().optional() }) }),
  document: z.looseObject({ document: mediaSchema.extend({ filename: str.optional() }) }),
  sticker: z.looseObject({ sticker: mediaSchema.extend({ animated: z.boolean().optional() }) }),
  location: z.looseObject({
    location: z.looseObject({
      latitude: num,
      longitude: num,
      name: str.optional(),
      address: str.optional(),
      url: str.optional(),
    }),
  }),
  contacts: z.looseObject({ contacts: z.array(z.looseObject({ name: z.looseObject({}).optional() })) }),
  interactive: z.looseObject({
    interactive: z.discriminatedUnion("type", [
      z.looseObject({ type: z.literal("button_reply"), button_reply: z.looseObject({ id: str, title: str }) }),
      z.looseObject({
        type: z.literal("list_reply"),
        list_reply: z.looseObject({ id: str, title: str, description: str.optional() }),
      }),
      z.looseObject({
        type: z.literal("nfm_reply"),
        nfm_reply: z.looseObject({ name: str.optional(), body: str.optional(), response_json: str }),
      }),
    ]),
  }),
  button: z.looseObject({ button: z.looseObject({ payload: str.optional(), text: str }) }),
  order: z.looseObject({
    order: z.looseObject({
      catalog_id: str.optional(),
      text: str.optional(),
      product_items: z
        .array(z.looseObject({ product_retailer_id: str, quantity: num, item_price: num, currency: str }))
        .min(1),
    }),
  }),
  reaction: z.looseObject({ reaction: z.looseObject({ message_id: str, emoji: str.optional() }) }),
  system: z.looseObject({
    system: z.looseObject({ body: str.optional(), wa_id: str.optional(), type: str.optional() }),
  }),
  unsupported: z.looseObject({ unsupported: z.looseObject({ type: str.optional() }).optional() }),
  request_welcome: z.looseObject({}),
  edit: z.looseObject({}),
  revoke: z.looseObject({}),
} as const;
export type KnownMessageType = keyof typeof messagePartSchemas;

/** The fields every inbound message has (§6.2). */
export const messageBaseSchema = z.looseObject({
  from: str,
  id: str.min(1),
  timestamp: num,
  type: str,
  context: contextSchema.optional(),
  referral: referralSchema.optional(),
  group_id: str.optional(),
  errors: z.array(errorSchema).optional(),
});
export type MessageBase = z.infer<typeof messageBaseSchema>;

/** An inbound message after its type part was checked: base fields plus the raw object (unknown fields kept). */
export type InboundMessage = MessageBase & Record<string, unknown>;

/** A delivery status (§6.3). */
export const statusSchema = z.looseObject({
  id: str.min(1),
  status: str,
  timestamp: num,
  recipient_id: str.optional(),
  recipient_type: str.optional(),
  type: str.optional(),
  biz_opaque_callback_data: str.optional(),
  conversation: z.looseObject({ id: str.optional() }).optional(),
  pricing: z
    .looseObject({
      billable: z.boolean().optional(),
      pricing_model: str.optional(),
      category: str.optional(),
      type: str.optional(),
    })
    .optional(),
  errors: z.array(errorSchema).optional(),
});
export type MetaStatus = z.infer<typeof statusSchema>;

/** A payment status (`statuses[]` entry with `type: "payment"`, §5.3). */
export const paymentStatusSchema = z.looseObject({
  id: str,
  status: str,
  timestamp: num,
  recipient_id: str.optional(),
  type: z.literal("payment"),
  payment: z.looseObject({
    reference_id: str.min(1),
    amount: z.looseObject({ value: num, offset: num }).optional(),
    currency: str.optional(),
    transaction: z
      .looseObject({
        id: str.optional(),
        pg_transaction_id: str.optional(),
        type: str.optional(),
        status: str.optional(),
        method: z.looseObject({ type: str.optional() }).optional(),
        error: z.looseObject({ code: z.unknown().optional(), reason: str.optional() }).optional(),
      })
      .optional(),
  }),
});
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/** The `value` of a `messages` change. */
export const messagesValueSchema = z.looseObject({
  messaging_product: z.unknown().optional(),
  metadata: metadataSchema,
  // Contacts only supply display names: a malformed list must not cost the messages.
  contacts: z
    .array(z.looseObject({ wa_id: str.optional(), profile: z.looseObject({ name: str.optional() }).optional() }))
    .optional()
    .catch(undefined),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(errorSchema).optional(),
});
export type MessagesValue = z.infer<typeof messagesValueSchema>;

/** `message_template_status_update`, `…_quality_update`, `template_category_update`, `…_components_update` (§6.4). */
export const templateEventSchema = z.looseObject({
  event: str.optional(),
  message_template_id: num.optional(),
  message_template_name: str,
  message_template_language: str,
  message_template_category: str.optional(),
  reason: str.optional(),
  previous_quality_score: str.optional(),
  new_quality_score: str.optional(),
  previous_category: str.optional(),
  new_category: str.optional(),
  correct_category: str.optional(),
});
export type TemplateEvent = z.infer<typeof templateEventSchema>;

/** Formats zod issues as `path: message; …` (DLQ reasons, logs). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length === 0 ? "(root)" : i.path.map(String).join(".")}: ${i.message}`)
    .join("; ");
}
