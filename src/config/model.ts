/**
 * The normalized model of a declared WhatsApp estate: what the loader produces and everything downstream consumes.
 */
import type { BusinessProfile } from "../../schemas/generated/business-profile.ts";
import type { ConversationFlow } from "../../schemas/generated/conversation-flow.ts";
import type { Environment } from "../../schemas/generated/environment.ts";
import type { EventDestination } from "../../schemas/generated/event-destination.ts";
import type { MessageTemplateDefinition } from "../../schemas/generated/message-template.ts";
import type { PaymentConfiguration } from "../../schemas/generated/payment-configuration.ts";
import type { PathSegments, Problem } from "./problem.ts";
import type { Anchor, Position } from "./yaml-source.ts";

export type {
  BusinessProfile,
  ConversationFlow,
  Environment,
  EventDestination,
  MessageTemplateDefinition,
  PaymentConfiguration,
};

/** The kinds of declaration, named after their directory under `base/`. */
export type Kind = "template" | "profile" | "flow" | "payment" | "event-destination" | "environment";

/** One declaration with its origin; `locate` maps a path inside `value` to a position in the source files. */
export interface Declared<T> {
  kind: Kind;
  /** Stable identity: `name:language` for templates, the path under the kind's directory (no extension) otherwise. */
  key: string;
  value: T;
  /** The file the declaration was read from (an override may move single positions to the env file). */
  file: string;
  /** False when the declaration failed its schema: kept for references, skipped by the Meta rules. */
  valid: boolean;
  locate(path: PathSegments, at?: Anchor): Position;
}

/** The loaded estate. Without an environment, every base declaration is included. */
export interface Model {
  root: string;
  env?: string;
  environment?: Declared<Environment>;
  templates: Declared<MessageTemplateDefinition>[];
  profiles: Declared<BusinessProfile>[];
  flows: Declared<ConversationFlow>[];
  paymentConfigs: Declared<PaymentConfiguration>[];
  eventDestinations: Declared<EventDestination>[];
  /** Every config file found, as displayed in problems. */
  files: string[];
  /** Every parsed file's raw value, for whole-document checks such as secrets. */
  documents: Declared<unknown>[];
}

/** What `loadConfig` returns: a model (possibly partial) and every problem found while building it. */
export interface LoadResult {
  model: Model;
  problems: Problem[];
}
