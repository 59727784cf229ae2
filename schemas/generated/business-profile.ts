/**
 * DO NOT EDIT: generated from schemas/business-profile.schema.json by scripts/gen-types.ts.
 * Run `npm run gen` to regenerate.
 */

/**
 * The WhatsApp business profile shown to customers, with Meta's field names, plus what the runtime answers when a user asks for business info.
 */
export interface BusinessProfile {
  /**
   * Profile "About" text: 1–139 characters, no markdown; links are not clickable.
   */
  about?: string;
  /**
   * Business address: ≤ 256 characters.
   */
  address?: string;
  /**
   * Business description: ≤ 512 characters.
   */
  description?: string;
  /**
   * Contact email: ≤ 128 characters.
   */
  email?: string;
  /**
   * Up to 2 URLs starting with http:// or https://, ≤ 256 characters each.
   *
   * Items: One website URL.
   */
  websites?: string[];
  /**
   * Business category: OTHER, AUTO, BEAUTY, APPAREL, EDU, ENTERTAIN, EVENT_PLAN, FINANCE, GROCERY, GOVT, HOTEL, HEALTH, NONPROFIT, PROF_SERVICES, RETAIL, TRAVEL or RESTAURANT.
   */
  vertical?: string;
  /**
   * Square JPG/PNG as a path relative to this file or an s3:// URI. Meta needs an upload handle, so setting it is a manual step in WhatsApp Manager.
   */
  profile_picture?: string;
  /**
   * Text the runtime sends when a user asks for business info or opening hours.
   */
  info_reply?: string;
  hours?: OpeningHours;
  /**
   * Phone number aliases (keys of `phone_numbers` in the environment file) this profile is applied to; absent means every number.
   *
   * Items: A phone number alias.
   */
  applies_to?: string[];
  /**
   * Free-form note for reviewers; ignored by waba.
   */
  comment?: string;
}
/**
 * Structured opening hours, used by `info_reply` and by the runtime's out-of-hours answer.
 *
 * This interface was referenced by `BusinessProfile`'s JSON-Schema
 * via the `definition` "OpeningHours".
 */
export interface OpeningHours {
  /**
   * IANA time zone, e.g. `Asia/Kolkata`.
   */
  timezone: string;
  /**
   * Opening intervals for this day; empty or absent means closed.
   */
  mon?: OpeningInterval[];
  /**
   * Opening intervals for this day; empty or absent means closed.
   */
  tue?: OpeningInterval[];
  /**
   * Opening intervals for this day; empty or absent means closed.
   */
  wed?: OpeningInterval[];
  /**
   * Opening intervals for this day; empty or absent means closed.
   */
  thu?: OpeningInterval[];
  /**
   * Opening intervals for this day; empty or absent means closed.
   */
  fri?: OpeningInterval[];
  /**
   * Opening intervals for this day; empty or absent means closed.
   */
  sat?: OpeningInterval[];
  /**
   * Opening intervals for this day; empty or absent means closed.
   */
  sun?: OpeningInterval[];
  /**
   * Text sent outside opening hours (optional).
   */
  closed_message?: string;
}
/**
 * One opening interval in local time.
 *
 * This interface was referenced by `BusinessProfile`'s JSON-Schema
 * via the `definition` "OpeningInterval".
 */
export interface OpeningInterval {
  /**
   * Opening time `HH:MM` (24 h).
   */
  open: string;
  /**
   * Closing time `HH:MM` (24 h), after `open`.
   */
  close: string;
}
