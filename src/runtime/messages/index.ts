/** Cloud API message builders: every session, interactive, payment and template message type, checked before send. */
export {
  audioMessage,
  type ContactCard,
  contactsMessage,
  documentMessage,
  imageMessage,
  locationMessage,
  type MediaKind,
  type MediaOptions,
  type MediaRef,
  markAsRead,
  mediaMessage,
  reactionMessage,
  stickerMessage,
  textMessage,
  typingIndicator,
  videoMessage,
  withReplyContext,
} from "./basic.ts";
export { isBusinessScopedUserId, isReadReceipt, normalizeRecipient, toCloudApiPayload } from "./envelope.ts";
export { type MessageIssue, MessageValidationError } from "./errors.ts";
export {
  ctaUrlMessage,
  type FlowMessageInput,
  flowMessage,
  type InteractiveHeader,
  type ListSection,
  listMessage,
  locationRequestMessage,
  type MediaCarouselCard,
  mediaCarouselMessage,
  type OrderDetailsParameters,
  orderDetailsMessage,
  orderStatusMessage,
  productCarouselMessage,
  productListMessage,
  productMessage,
  replyButtonsMessage,
} from "./interactive.ts";
export {
  otpTemplateMessage,
  type TemplateButtonParam,
  type TemplateCard,
  type TemplateHeader,
  type TemplateInput,
  type TextParams,
  templateMessage,
} from "./template.ts";
export { sendTemplate, type TemplateSend, type TemplateSpec, typedTemplateMessage } from "./typed-template.ts";
