/**
 * DO NOT EDIT: generated from schemas/conversation-flow.schema.json by scripts/gen-types.ts.
 * Run `npm run gen` to regenerate.
 */

/**
 * A message the bot sends: free text, or a declared template.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "FlowMessage".
 */
export type FlowMessage = TextMessage | TemplateMessage;
/**
 * A Cloud API `interactive` object of type `list` or `button`, exactly as sent to Meta.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "MenuInteractive".
 */
export type MenuInteractive = ListInteractive | ButtonInteractive;
/**
 * What happens when a menu row or button is chosen.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "Route".
 */
export type Route = ReplyTextRoute | SendTemplateRoute | SendFlowRoute | ShowMenuRoute | HandoffRoute;

/**
 * The bot's conversation: welcome message, main menu (Cloud API interactive list or reply buttons), what each choice does, ice breakers and click-to-WhatsApp ad welcome sequences.
 */
export interface ConversationFlow {
  /**
   * What this flow is for.
   */
  description?: string;
  welcome?: Welcome;
  menu?: Menu;
  /**
   * Actions keyed by interactive row or button `id`.
   */
  routes?: {
    [k: string]: Route;
  };
  fallback?: Route;
  /**
   * Up to 4 ice breakers (≤ 80 characters, no emoji). Set in WhatsApp Manager: a manual step.
   *
   * Items: An ice breaker.
   */
  ice_breakers?: string[];
  /**
   * Welcome sequences keyed by the ad's referral `source_id`.
   */
  ctwa_welcome_sequences?: {
    [k: string]: CtwaWelcomeSequence;
  };
  /**
   * Free-form note for reviewers; ignored by waba.
   */
  comment?: string;
}
/**
 * Sent on a user's first contact, or when they write again after `silence_hours` of silence.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "Welcome".
 */
export interface Welcome {
  /**
   * Send the welcome at all (default true).
   */
  enabled?: boolean;
  /**
   * Hours of silence after which the welcome is sent again (absent: first contact only).
   */
  silence_hours?: number;
  message: FlowMessage;
  /**
   * Send the menu right after the welcome.
   */
  then_show_menu?: boolean;
}
/**
 * A free-form text message (only inside the 24 h service window).
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "TextMessage".
 */
export interface TextMessage {
  /**
   * `text`.
   */
  type: "text";
  /**
   * Body text: ≤ 4096 characters.
   */
  text: string;
  /**
   * Render a link preview.
   */
  preview_url?: boolean;
}
/**
 * A declared template, by name and language.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "TemplateMessage".
 */
export interface TemplateMessage {
  /**
   * `template`.
   */
  type: "template";
  /**
   * Declared template name.
   */
  name: string;
  /**
   * Declared language of that template, e.g. `en_US`.
   */
  language: string;
  /**
   * Parameter values by name (named templates) or by number as a string (`"1"`); `{{profile.name}}` style runtime placeholders are allowed.
   */
  params?: {
    /**
     * A parameter value.
     */
    [k: string]: string;
  };
}
/**
 * The main menu: a Cloud API `interactive` list or reply-buttons object, and what shows it.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "Menu".
 */
export interface Menu {
  interactive: MenuInteractive;
  triggers?: MenuTriggers;
}
/**
 * An interactive list message.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "ListInteractive".
 */
export interface ListInteractive {
  /**
   * `list`.
   */
  type: "list";
  header?: TextHeader;
  body: InteractiveBody;
  footer?: InteractiveFooter;
  action: ListAction;
}
/**
 * A text header: ≤ 60 characters.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "TextHeader".
 */
export interface TextHeader {
  /**
   * `text`.
   */
  type: "text";
  /**
   * Header text.
   */
  text: string;
}
/**
 * Body: ≤ 1024 characters (≤ 4096 for lists per Meta's list page).
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "InteractiveBody".
 */
export interface InteractiveBody {
  /**
   * The text.
   */
  text: string;
}
/**
 * Footer: ≤ 60 characters.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "InteractiveFooter".
 */
export interface InteractiveFooter {
  /**
   * The text.
   */
  text: string;
}
/**
 * The list button and its sections.
 */
export interface ListAction {
  /**
   * Label of the button that opens the list: ≤ 20 characters.
   */
  button: string;
  /**
   * 1–10 sections, ≤ 10 rows in total.
   */
  sections: ListSection[];
}
/**
 * One section of a list.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "ListSection".
 */
export interface ListSection {
  /**
   * Section title: ≤ 24 characters; required when there are several sections.
   */
  title?: string;
  /**
   * Rows of this section.
   */
  rows: ListRow[];
}
/**
 * One selectable row; its `id` names a route.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "ListRow".
 */
export interface ListRow {
  /**
   * Row id: ≤ 200 characters; the key of its route in `routes`.
   */
  id: string;
  /**
   * Row title: ≤ 24 characters.
   */
  title: string;
  /**
   * Row description: ≤ 72 characters.
   */
  description?: string;
}
/**
 * An interactive reply-buttons message.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "ButtonInteractive".
 */
export interface ButtonInteractive {
  /**
   * `button`.
   */
  type: "button";
  header?: ButtonHeader;
  body: InteractiveBody;
  footer?: InteractiveFooter;
  action: ButtonAction;
}
/**
 * Header of a reply-buttons message: text or media.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "ButtonHeader".
 */
export interface ButtonHeader {
  /**
   * Header type.
   */
  type: "text" | "image" | "video" | "document";
  /**
   * Header text (type `text`): ≤ 60 characters.
   */
  text?: string;
  image?: HeaderMedia;
  video?: HeaderMedia;
  document?: HeaderMedia;
}
/**
 * Media by uploaded id or https link.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "HeaderMedia".
 */
export interface HeaderMedia {
  /**
   * Uploaded media id.
   */
  id?: string;
  /**
   * Public https URL of the media.
   */
  link?: string;
  /**
   * File name shown for documents.
   */
  filename?: string;
}
/**
 * The reply buttons.
 */
export interface ButtonAction {
  /**
   * 1–3 reply buttons.
   */
  buttons: ReplyButton[];
}
/**
 * One reply button.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "ReplyButton".
 */
export interface ReplyButton {
  /**
   * `reply`.
   */
  type: "reply";
  reply: ReplyButtonBody;
}
/**
 * The button's id and title.
 */
export interface ReplyButtonBody {
  /**
   * Button id: ≤ 256 characters; the key of its route in `routes`.
   */
  id: string;
  /**
   * Button title: ≤ 20 characters.
   */
  title: string;
}
/**
 * What shows the menu besides the welcome.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "MenuTriggers".
 */
export interface MenuTriggers {
  /**
   * Case-insensitive whole-message keywords that show the menu (e.g. `menu`, `hola`).
   *
   * Items: A keyword.
   */
  keywords?: string[];
  /**
   * `/commands` registered with Meta's conversational automation (≤ 30).
   */
  commands?: Command[];
}
/**
 * One `/command` (Meta conversational automation).
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "Command".
 */
export interface Command {
  /**
   * Name without the slash: ≤ 32 characters, no emoji.
   */
  command_name: string;
  /**
   * Hint shown in the chat: ≤ 256 characters, no emoji.
   */
  command_description: string;
  /**
   * Route id (a key of `routes`) run when the command is sent; absent shows the menu.
   */
  route?: string;
}
/**
 * Reply with free text.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "ReplyTextRoute".
 */
export interface ReplyTextRoute {
  /**
   * `reply_text`.
   */
  action: "reply_text";
  /**
   * Reply text: ≤ 4096 characters; `{{profile.info_reply}}` inserts the business profile's info reply.
   */
  text: string;
}
/**
 * Send a declared template.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "SendTemplateRoute".
 */
export interface SendTemplateRoute {
  /**
   * `send_template`.
   */
  action: "send_template";
  /**
   * Declared template name.
   */
  name: string;
  /**
   * Declared language of that template, e.g. `en_US`.
   */
  language: string;
  /**
   * Parameter values by name (named templates) or by number as a string (`"1"`); `{{profile.name}}` style runtime placeholders are allowed.
   */
  params?: {
    /**
     * A parameter value.
     */
    [k: string]: string;
  };
}
/**
 * Send a WhatsApp Flow by name.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "SendFlowRoute".
 */
export interface SendFlowRoute {
  /**
   * `send_flow`.
   */
  action: "send_flow";
  /**
   * Name of the WhatsApp Flow (published in WhatsApp Manager).
   */
  flow: string;
  /**
   * Label of the button that opens the flow: ≤ 20 characters.
   */
  cta: string;
  /**
   * Message body sent with the flow button.
   */
  body: string;
}
/**
 * Show the menu again.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "ShowMenuRoute".
 */
export interface ShowMenuRoute {
  /**
   * `show_menu`.
   */
  action: "show_menu";
}
/**
 * Hand the conversation to a human agent.
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "HandoffRoute".
 */
export interface HandoffRoute {
  /**
   * `handoff`.
   */
  action: "handoff";
  /**
   * Agent queue name.
   */
  queue?: string;
  /**
   * Text sent to the user while they wait.
   */
  text?: string;
}
/**
 * A click-to-WhatsApp ad welcome sequence (Meta `welcome_message_sequences`).
 *
 * This interface was referenced by `ConversationFlow`'s JSON-Schema
 * via the `definition` "CtwaWelcomeSequence".
 */
export interface CtwaWelcomeSequence {
  /**
   * Sequence name in Meta.
   */
  name: string;
  /**
   * Welcome text shown to users arriving from the ad.
   */
  text: string;
  autofill_message?: AutofillMessage;
  /**
   * Up to 4 suggested replies.
   */
  ice_breakers?: SequenceIceBreaker[];
  /**
   * Route id run when the user replies with the autofill message (optional).
   */
  route?: string;
}
/**
 * Prefilled reply for the user.
 */
export interface AutofillMessage {
  /**
   * The prefilled text.
   */
  content: string;
}
/**
 * One suggested reply.
 */
export interface SequenceIceBreaker {
  /**
   * Reply text: ≤ 80 characters.
   */
  title: string;
}
