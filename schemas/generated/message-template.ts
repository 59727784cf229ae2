/**
 * DO NOT EDIT: generated from schemas/message-template.schema.json by scripts/gen-types.ts.
 * Run `npm run gen` to regenerate.
 */

/**
 * A WhatsApp message template file: either Meta's template creation object as-is (one language) or one name with several languages. Meta rules (lengths, parameters, categories) are checked by `waba validate`, not by this schema.
 */
export type MessageTemplateFile = MessageTemplateDefinition | MultiLanguageMessageTemplate;
/**
 * Template category (upper or lower case). `TRANSACTIONAL` and `OTP` are gone.
 */
export type TemplateCategory = "MARKETING" | "marketing" | "UTILITY" | "utility" | "AUTHENTICATION" | "authentication";
/**
 * `POSITIONAL` (`{{1}}`, the default) or `NAMED` (`{{first_name}}`); one format per template.
 */
export type ParameterFormat = "POSITIONAL" | "positional" | "NAMED" | "named";
/**
 * Time-to-live in seconds; ranges depend on the category (authentication 30–900, utility 30–43200, marketing 43200–2592000; -1 = 30 days).
 */
export type MessageSendTtlSeconds = number;
/**
 * One template component, discriminated by `type`.
 */
export type TemplateComponent =
  HeaderComponent | BodyComponent | FooterComponent | ButtonsComponent | LimitedTimeOfferComponent | CarouselComponent;
/**
 * One template button, discriminated by `type`.
 */
export type TemplateButton =
  | QuickReplyButton
  | UrlButton
  | PhoneNumberButton
  | CopyCodeButton
  | OtpButton
  | FlowButton
  | CatalogButton
  | MpmButton
  | SpmButton
  | VoiceCallButton;
/**
 * A component of a carousel card.
 */
export type CarouselCardComponent = HeaderComponent | BodyComponent | ButtonsComponent;

/**
 * Meta's template creation object for one language, as in `POST /<WABA_ID>/message_templates`.
 */
export interface MessageTemplateDefinition {
  /**
   * Template name: lowercase a–z, digits and underscores, ≤ 512 characters.
   */
  name: string;
  /**
   * Meta language code such as `en_US`, `pt_BR`, `hi` (underscore, never hyphen).
   */
  language: string;
  category: TemplateCategory;
  /**
   * Deprecated by Meta on 9 Apr 2025 and ignored; accepted so pasted examples load, but warned.
   */
  allow_category_change?: boolean;
  parameter_format?: ParameterFormat;
  message_send_ttl_seconds?: MessageSendTtlSeconds;
  /**
   * Opt this template's URL buttons out of Meta's link click tracking.
   */
  cta_url_link_tracking_opted_out?: boolean;
  /**
   * Marketing Messages API creative optimizations (`creative_features_spec`), passed to Meta as-is.
   */
  degrees_of_freedom_spec?: {
    [k: string]: unknown;
  };
  /**
   * Header, body, footer, buttons, limited-time offer and carousel components.
   */
  components: TemplateComponent[];
}
/**
 * Optional header: text, media, location, or product (SPM and product-card carousels).
 */
export interface HeaderComponent {
  /**
   * `HEADER` (upper or lower case).
   */
  type: "HEADER" | "header";
  /**
   * Header kind (upper or lower case). `GIF` is Marketing Messages API only.
   */
  format:
    | "TEXT"
    | "text"
    | "IMAGE"
    | "image"
    | "VIDEO"
    | "video"
    | "DOCUMENT"
    | "document"
    | "LOCATION"
    | "location"
    | "GIF"
    | "gif"
    | "PRODUCT"
    | "product";
  /**
   * Header text for `TEXT` headers: ≤ 60 characters, at most one parameter.
   */
  text?: string;
  example?: HeaderExample;
}
/**
 * Sample values Meta reviews: a media handle, or values for the header text parameter.
 */
export interface HeaderExample {
  /**
   * Media handle from Meta's Resumable Upload API (required for media headers).
   */
  header_handle?: string[];
  /**
   * Example value for the positional header parameter `{{1}}`.
   */
  header_text?: string[];
  /**
   * Examples for named parameters, one entry per `{{name}}`.
   */
  header_text_named_params?: NamedParameterExample[];
}
/**
 * An example value for one named parameter.
 */
export interface NamedParameterExample {
  /**
   * Parameter name as written inside `{{…}}`.
   */
  param_name: string;
  /**
   * Example value Meta reviews.
   */
  example: string;
}
/**
 * The body: required, exactly one. Authentication bodies are preset and carry no `text`.
 */
export interface BodyComponent {
  /**
   * `BODY` (upper or lower case).
   */
  type: "BODY" | "body";
  /**
   * Body text: ≤ 1024 characters (600 with a limited-time offer, 160 in a carousel card).
   */
  text?: string;
  example?: BodyExample;
  /**
   * Authentication only: append Meta's "do not share this code" line.
   */
  add_security_recommendation?: boolean;
}
/**
 * Sample values for every body parameter.
 */
export interface BodyExample {
  /**
   * One row of example values for `{{1}}`, `{{2}}`, … in order: `[["Pablo", "860198"]]`.
   */
  body_text?: string[][];
  /**
   * Examples for named parameters, one entry per `{{name}}`.
   */
  body_text_named_params?: NamedParameterExample[];
}
/**
 * Optional footer: text ≤ 60 characters, or for authentication the code expiry line.
 */
export interface FooterComponent {
  /**
   * `FOOTER` (upper or lower case).
   */
  type: "FOOTER" | "footer";
  /**
   * Footer text: ≤ 60 characters, no parameters.
   */
  text?: string;
  /**
   * Authentication only: minutes the code stays valid (1–90), shown in the footer.
   */
  code_expiration_minutes?: number;
}
/**
 * The buttons of a template or carousel card (≤ 10 per template).
 */
export interface ButtonsComponent {
  /**
   * `BUTTONS` (upper or lower case).
   */
  type: "BUTTONS" | "buttons";
  /**
   * The buttons in display order; quick replies must be contiguous.
   */
  buttons: TemplateButton[];
}
/**
 * Quick reply; the tap comes back as a `button` message.
 */
export interface QuickReplyButton {
  /**
   * Button type (`QUICK_REPLY`; upper or lower case).
   */
  type: "QUICK_REPLY" | "quick_reply";
  /**
   * Button label shown to the user (≤ 25 characters).
   */
  text: string;
}
/**
 * Opens a URL; may end in one variable suffix (`https://example.com/track/{{1}}`).
 */
export interface UrlButton {
  /**
   * Button type (`URL`; upper or lower case).
   */
  type: "URL" | "url";
  /**
   * Button label shown to the user (≤ 25 characters).
   */
  text: string;
  /**
   * Target URL: ≤ 2000 characters; at most one variable, only as the suffix.
   */
  url: string;
  /**
   * Full example URL, required when `url` has a variable.
   */
  example?: string | string[];
}
/**
 * Calls a phone number.
 */
export interface PhoneNumberButton {
  /**
   * Button type (`PHONE_NUMBER`; upper or lower case).
   */
  type: "PHONE_NUMBER" | "phone_number";
  /**
   * Button label shown to the user (≤ 25 characters).
   */
  text: string;
  /**
   * Phone number with country code: ≤ 20 characters.
   */
  phone_number: string;
}
/**
 * Copies a coupon code (label fixed by WhatsApp).
 */
export interface CopyCodeButton {
  /**
   * Button type (`COPY_CODE`; upper or lower case).
   */
  type: "COPY_CODE" | "copy_code";
  /**
   * Example code: ≤ 15 characters, alphanumeric.
   */
  example: string | string[];
}
/**
 * Authentication one-time-password button (AUTHENTICATION only).
 */
export interface OtpButton {
  /**
   * Button type (`OTP`; upper or lower case).
   */
  type: "OTP" | "otp";
  /**
   * `COPY_CODE`, `ONE_TAP` (autofill) or `ZERO_TAP` (upper or lower case).
   */
  otp_type: "COPY_CODE" | "copy_code" | "ONE_TAP" | "one_tap" | "ZERO_TAP" | "zero_tap";
  /**
   * Copy-code label: ≤ 25 characters (localized default when omitted).
   */
  text?: string;
  /**
   * One-tap autofill label: ≤ 25 characters (localized default when omitted).
   */
  autofill_text?: string;
  /**
   * Android apps allowed to receive the code (one-tap, zero-tap): ≤ 5.
   */
  supported_apps?: SupportedApp[];
  /**
   * Legacy single-app form of `supported_apps[].package_name`.
   */
  package_name?: string;
  /**
   * Legacy single-app form of `supported_apps[].signature_hash`.
   */
  signature_hash?: string;
  /**
   * Zero-tap only: must be true (you accept Meta's zero-tap terms).
   */
  zero_tap_terms_accepted?: boolean;
}
/**
 * An Android app that may receive the one-time password.
 */
export interface SupportedApp {
  /**
   * Android package name, e.g. `com.example.luckyshrub` (≤ 224 characters).
   */
  package_name: string;
  /**
   * App signing key hash: exactly 11 characters of `[A-Za-z0-9+/=]`.
   */
  signature_hash: string;
}
/**
 * Opens a WhatsApp Flow; give exactly one of `flow_id`, `flow_name`, `flow_json`.
 */
export interface FlowButton {
  /**
   * Button type (`FLOW`; upper or lower case).
   */
  type: "FLOW" | "flow";
  /**
   * Button label shown to the user (≤ 25 characters).
   */
  text: string;
  /**
   * ID of a published flow (quote it in YAML or write it as a number).
   */
  flow_id?: string | number;
  /**
   * Name of a flow in this WABA.
   */
  flow_name?: string;
  /**
   * Flow JSON inline, as a string.
   */
  flow_json?: string;
  /**
   * `navigate` (default) or `data_exchange`.
   */
  flow_action?: "navigate" | "data_exchange" | "NAVIGATE" | "DATA_EXCHANGE";
  /**
   * First screen to open when `flow_action` is `navigate`.
   */
  navigate_screen?: string;
  /**
   * Optional icon: `DOCUMENT`, `PROMOTION` or `REVIEW`.
   */
  icon?: "DOCUMENT" | "PROMOTION" | "REVIEW";
}
/**
 * Opens the catalog (MARKETING only); label fixed `View catalog`.
 */
export interface CatalogButton {
  /**
   * Button type (`CATALOG`; upper or lower case).
   */
  type: "CATALOG" | "catalog";
  /**
   * Must be `View catalog`.
   */
  text?: string;
}
/**
 * Multi-product message button (MARKETING only); label fixed `View items`.
 */
export interface MpmButton {
  /**
   * Button type (`MPM`; upper or lower case).
   */
  type: "MPM" | "mpm";
  /**
   * Must be `View items`.
   */
  text?: string;
}
/**
 * Single-product message button (MARKETING only).
 */
export interface SpmButton {
  /**
   * Button type (`SPM`; upper or lower case).
   */
  type: "SPM" | "spm";
  /**
   * Button label (≤ 25 characters).
   */
  text?: string;
}
/**
 * Starts a WhatsApp voice call to the business.
 */
export interface VoiceCallButton {
  /**
   * Button type (`VOICE_CALL`; upper or lower case).
   */
  type: "VOICE_CALL" | "voice_call";
  /**
   * Button label shown to the user (≤ 25 characters).
   */
  text: string;
}
/**
 * Limited-time offer (MARKETING only): offer text and optional countdown.
 */
export interface LimitedTimeOfferComponent {
  /**
   * `LIMITED_TIME_OFFER` (upper or lower case).
   */
  type: "LIMITED_TIME_OFFER" | "limited_time_offer";
  limited_time_offer: LimitedTimeOffer;
}
/**
 * The offer block.
 */
export interface LimitedTimeOffer {
  /**
   * Offer headline: ≤ 16 characters.
   */
  text: string;
  /**
   * Show an expiration countdown (set `expiration_time_ms` at send).
   */
  has_expiration?: boolean;
}
/**
 * Media-card or product-card carousel (MARKETING only): 2–10 cards.
 */
export interface CarouselComponent {
  /**
   * `CAROUSEL` (upper or lower case).
   */
  type: "CAROUSEL" | "carousel";
  /**
   * The cards; every card has the same components and button types in the same order.
   */
  cards: CarouselCard[];
}
/**
 * One carousel card.
 */
export interface CarouselCard {
  /**
   * Card header (image, video or product), optional body (≤ 160), and buttons.
   */
  components: CarouselCardComponent[];
}
/**
 * One template name with a variant per language; each variant becomes one Meta template.
 */
export interface MultiLanguageMessageTemplate {
  /**
   * Template name shared by every language: lowercase a–z, digits and underscores, ≤ 512 characters.
   */
  name: string;
  category: TemplateCategory;
  /**
   * Deprecated by Meta on 9 Apr 2025 and ignored; accepted but warned.
   */
  allow_category_change?: boolean;
  parameter_format?: ParameterFormat;
  message_send_ttl_seconds?: MessageSendTtlSeconds;
  /**
   * Variants keyed by Meta language code (`en_US`, `es_MX`, `pt_BR`, `hi`, …).
   */
  languages: {
    [k: string]: TemplateLanguageVariant;
  };
}
/**
 * The components of one language of a multi-language template.
 */
export interface TemplateLanguageVariant {
  /**
   * Header, body, footer, buttons, limited-time offer and carousel components for this language.
   */
  components: TemplateComponent[];
  message_send_ttl_seconds?: MessageSendTtlSeconds;
}
