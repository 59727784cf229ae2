/**
 * DO NOT EDIT: generated from schemas/environment.schema.json by scripts/gen-types.ts.
 * Run `npm run gen` to regenerate.
 */

/**
 * An environment overlay (`config/envs/<env>.yaml`): which account, WABA and numbers, which declarations apply, and per-environment overrides.
 */
export interface Environment {
  /**
   * Environment name; must match the file name.
   */
  name: string;
  /**
   * What this environment is for.
   */
  description?: string;
  aws: AwsTarget;
  waba: WabaTarget;
  /**
   * Phone numbers by alias (the alias is what declarations refer to).
   */
  phone_numbers?: {
    [k: string]: PhoneNumberTarget;
  };
  /**
   * Which templates this environment deploys: names matching `include` (default all) and not `exclude`. Globs use `*` and `?`.
   */
  templates?: {
    /**
     * Glob patterns of names to include; absent means all.
     *
     * Items: A glob pattern.
     */
    include?: string[];
    /**
     * Glob patterns of names to leave out.
     *
     * Items: A glob pattern.
     */
    exclude?: string[];
  };
  /**
   * Which conversation flows this environment deploys: names matching `include` (default all) and not `exclude`. Globs use `*` and `?`.
   */
  flows?: {
    /**
     * Glob patterns of names to include; absent means all.
     *
     * Items: A glob pattern.
     */
    include?: string[];
    /**
     * Glob patterns of names to leave out.
     *
     * Items: A glob pattern.
     */
    exclude?: string[];
  };
  overrides?: Overrides;
  /**
   * Ownership tags put on every resource (e.g. `team`, `cost-center`).
   */
  tags?: {
    /**
     * Tag value.
     */
    [k: string]: string;
  };
  runtime?: RuntimeSettings;
  /**
   * Free-form note for reviewers; ignored by waba.
   */
  comment?: string;
}
/**
 * The AWS account and region the WABA lives in.
 *
 * This interface was referenced by `Environment`'s JSON-Schema
 * via the `definition` "AwsTarget".
 */
export interface AwsTarget {
  /**
   * AWS region, e.g. `us-east-1`.
   */
  region: string;
  /**
   * 12-digit AWS account id (checked against the credentials in use).
   */
  account_id?: string;
}
/**
 * The WABA linked to EUM in this environment.
 *
 * This interface was referenced by `Environment`'s JSON-Schema
 * via the `definition` "WabaTarget".
 */
export interface WabaTarget {
  /**
   * EUM WABA id (`waba-` + 32 hex) or its ARN.
   */
  id: string;
  /**
   * Meta's numeric WABA id (for humans and cross-checks).
   */
  meta_waba_id?: string;
}
/**
 * One phone number of the WABA.
 *
 * This interface was referenced by `Environment`'s JSON-Schema
 * via the `definition` "PhoneNumberTarget".
 */
export interface PhoneNumberTarget {
  /**
   * EUM phone number id (`phone-number-id-` + 32 hex) or its ARN.
   */
  id: string;
  /**
   * Expected display name; verified against EUM, never changed by waba (Meta reviews display names).
   */
  display_name?: string;
  /**
   * The number in E.164 or display form, for humans.
   */
  phone_number?: string;
}
/**
 * Per-environment patches per kind and key (template name, or the file name without extension for other kinds).
 *
 * This interface was referenced by `Environment`'s JSON-Schema
 * via the `definition` "Overrides".
 */
export interface Overrides {
  /**
   * Patches keyed by template name; each is deep-merged into the declaration (objects merge, arrays replace, null deletes).
   */
  templates?: {
    /**
     * A merge patch.
     */
    [k: string]: {};
  };
  /**
   * Patches keyed by profile key; each is deep-merged into the declaration (objects merge, arrays replace, null deletes).
   */
  profiles?: {
    /**
     * A merge patch.
     */
    [k: string]: {};
  };
  /**
   * Patches keyed by flow key; each is deep-merged into the declaration (objects merge, arrays replace, null deletes).
   */
  flows?: {
    /**
     * A merge patch.
     */
    [k: string]: {};
  };
  /**
   * Patches keyed by payment configuration key; each is deep-merged into the declaration (objects merge, arrays replace, null deletes).
   */
  payments?: {
    /**
     * A merge patch.
     */
    [k: string]: {};
  };
  /**
   * Patches keyed by event destination key; each is deep-merged into the declaration (objects merge, arrays replace, null deletes).
   */
  event_destinations?: {
    /**
     * A merge patch.
     */
    [k: string]: {};
  };
}
/**
 * How the waba runtime (Lambda handlers) is deployed in this environment.
 *
 * This interface was referenced by `Environment`'s JSON-Schema
 * via the `definition` "RuntimeSettings".
 */
export interface RuntimeSettings {
  /**
   * Deploy the runtime handlers here.
   */
  deploy: boolean;
  /**
   * Log level of the handlers.
   */
  log_level?: "DEBUG" | "INFO" | "WARN" | "ERROR";
  /**
   * Lambda memory size in MB.
   */
  memory_mb?: number;
  /**
   * Reserved concurrency of the outbound sender (optional).
   */
  reserved_concurrency?: number;
}
