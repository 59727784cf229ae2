/**
 * DO NOT EDIT: generated from schemas/event-destination.schema.json by scripts/gen-types.ts.
 * Run `npm run gen` to regenerate.
 */

/**
 * The target: an SNS topic, the runtime's own topic, or nothing.
 *
 * This interface was referenced by `EventDestination`'s JSON-Schema
 * via the `definition` "Destination".
 */
export type Destination = SnsDestination | RuntimeDestination | NoDestination;

/**
 * Where EUM publishes WhatsApp events (inbound messages, statuses, template updates) for a WABA.
 */
export interface EventDestination {
  /**
   * `all` for every WABA of the environment, or one WABA id (`waba-…`) or ARN.
   */
  waba: string;
  destination: Destination;
  /**
   * IAM role EUM assumes to publish (optional; needed for cross-account topics).
   */
  role_arn?: string;
  /**
   * Free-form note for reviewers; ignored by waba.
   */
  comment?: string;
}
/**
 * Publish to an existing SNS topic.
 *
 * This interface was referenced by `EventDestination`'s JSON-Schema
 * via the `definition` "SnsDestination".
 */
export interface SnsDestination {
  /**
   * `sns`.
   */
  type: "sns";
  /**
   * ARN of the SNS topic.
   */
  topic_arn: string;
}
/**
 * Publish to the topic the waba runtime creates (wired when the runtime is deployed).
 *
 * This interface was referenced by `EventDestination`'s JSON-Schema
 * via the `definition` "RuntimeDestination".
 */
export interface RuntimeDestination {
  /**
   * `runtime`.
   */
  type: "runtime";
}
/**
 * Publish nowhere (events are dropped).
 *
 * This interface was referenced by `EventDestination`'s JSON-Schema
 * via the `definition` "NoDestination".
 */
export interface NoDestination {
  /**
   * `none`.
   */
  type: "none";
}
