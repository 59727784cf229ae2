/**
 * Request validation in the style of the AWS service: the JS SDK checks nothing client-side, so required members,
 * lengths, patterns, ranges and enums are enforced here and answered with one ValidationException listing them all.
 */
import { EumError } from "./errors.ts";

/** Constraint of one member. */
export type Rule =
  | { t: "string"; req?: boolean; min?: number; max?: number; pattern?: RegExp; enum?: readonly string[] }
  | { t: "int"; req?: boolean; min?: number; max?: number }
  | { t: "bool"; req?: boolean }
  | { t: "blob"; req?: boolean; min?: number; max?: number }
  | { t: "list"; req?: boolean; min?: number; max?: number; items: Rule }
  | { t: "map"; req?: boolean; min?: number; max?: number; keyMax?: number; valueMax?: number }
  | { t: "object"; req?: boolean; fields: Spec };

/** Members of a structure. */
export type Spec = Record<string, Rule>;

/** Typed wire values after checking: blobs are decoded to Buffers. */
export type Input = Record<string, unknown>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function describe(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return `'${v.length > 80 ? `${v.slice(0, 80)}…` : v}'`;
  if (typeof v === "object") return Array.isArray(v) ? `[${v.length} items]` : "{…}";
  return String(v);
}

function checkRule(v: unknown, rule: Rule, path: string, errs: string[]): unknown {
  const fail = (c: string): undefined => {
    errs.push(`Value ${describe(v)} at '${path}' failed to satisfy constraint: ${c}`);
    return undefined;
  };
  if (v === undefined || v === null) {
    if (rule.req) fail("Member must not be null");
    return undefined;
  }
  switch (rule.t) {
    case "string": {
      if (typeof v !== "string") return fail("Member must be a string");
      const n = [...v].length;
      if (rule.min !== undefined && n < rule.min)
        return fail(`Member must have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && n > rule.max)
        return fail(`Member must have length less than or equal to ${rule.max}`);
      if (rule.pattern && !rule.pattern.test(v))
        return fail(`Member must satisfy regular expression pattern: ${rule.pattern.source}`);
      if (rule.enum && !rule.enum.includes(v))
        return fail(`Member must satisfy enum value set: [${rule.enum.join(", ")}]`);
      return v;
    }
    case "int": {
      const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
      if (typeof n !== "number" || !Number.isInteger(n)) return fail("Member must be an integer");
      if (rule.min !== undefined && n < rule.min)
        return fail(`Member must have value greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && n > rule.max)
        return fail(`Member must have value less than or equal to ${rule.max}`);
      return n;
    }
    case "bool": {
      if (v === "true" || v === true) return true;
      if (v === "false" || v === false) return false;
      return fail("Member must be a boolean");
    }
    case "blob": {
      if (typeof v !== "string" || !BASE64.test(v)) return fail("Member must be base64-encoded binary data");
      const buf = Buffer.from(v, "base64");
      if (rule.min !== undefined && buf.length < rule.min)
        return fail(`Member must have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && buf.length > rule.max)
        return fail(`Member must have length less than or equal to ${rule.max}`);
      return buf;
    }
    case "list": {
      if (!Array.isArray(v)) return fail("Member must be a list");
      if (rule.min !== undefined && v.length < rule.min)
        return fail(`Member must have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && v.length > rule.max)
        return fail(`Member must have length less than or equal to ${rule.max}`);
      return v.map((item, i) => {
        if (item === null || item === undefined) {
          errs.push(`Value null at '${path}.${i + 1}.member' failed to satisfy constraint: Member must not be null`);
          return item;
        }
        return checkRule(item, rule.items, `${path}.${i + 1}.member`, errs);
      });
    }
    case "map": {
      if (typeof v !== "object" || Array.isArray(v)) return fail("Member must be a map");
      const entries = Object.entries(v as Record<string, unknown>);
      if (rule.min !== undefined && entries.length < rule.min)
        return fail(`Member must have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && entries.length > rule.max)
        return fail(`Member must have length less than or equal to ${rule.max}`);
      for (const [k, val] of entries) {
        if (typeof val !== "string")
          errs.push(`Value at '${path}.${k}' failed to satisfy constraint: must be a string`);
        else if (rule.valueMax !== undefined && val.length > rule.valueMax)
          errs.push(`Value at '${path}.${k}' failed to satisfy constraint: length <= ${rule.valueMax}`);
        if (rule.keyMax !== undefined && (k.length < 1 || k.length > rule.keyMax))
          errs.push(`Key '${k}' at '${path}' failed to satisfy constraint: length 1..${rule.keyMax}`);
      }
      return v;
    }
    case "object": {
      if (typeof v !== "object" || Array.isArray(v)) return fail("Member must be a structure");
      return checkSpec(v as Input, rule.fields, `${path}.`, errs);
    }
  }
}

function checkSpec(input: Input, spec: Spec, prefix: string, errs: string[]): Input {
  const out: Input = {};
  for (const [name, rule] of Object.entries(spec)) {
    const value = checkRule(input[name], rule, `${prefix}${name}`, errs);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Checks `input` against `spec`; returns the typed copy (unknown members dropped) or throws ValidationException. */
export function validateInput(input: Input, spec: Spec): Input {
  const errs: string[] = [];
  const out = checkSpec(input, spec, "", errs);
  if (errs.length > 0) {
    throw new EumError(
      "ValidationException",
      `${errs.length} validation error${errs.length > 1 ? "s" : ""} detected: ${errs.join("; ")}`,
    );
  }
  return out;
}

// Shared constraints (botocore socialmessaging model and eum-api.md §2.3).
/** A WABA id or ARN input. */
export const WABA_ID: Rule = {
  t: "string",
  req: true,
  min: 1,
  max: 115,
  pattern: /(^waba-.*$)|(^arn:.*:waba\/[0-9a-zA-Z]+$)/,
};
/** A phone number id or ARN input. */
export const PHONE_ID: Rule = {
  t: "string",
  req: true,
  min: 1,
  max: 115,
  pattern: /(^phone-number-id-.*$)|(^arn:.*:phone-number-id\/[0-9a-zA-Z]+$)/,
};
/** Members shared by many operations (botocore model constraints). */
export const NEXT_TOKEN: Rule = { t: "string", min: 1, max: 600 };
export const MAX_RESULTS: Rule = { t: "int", min: 1, max: 100 };
export const META_TEMPLATE_ID: Rule = { t: "string", min: 1, max: 100, pattern: /^[0-9]+$/ };
export const TEMPLATE_NAME: Rule = { t: "string", min: 1, max: 512 };
export const TEMPLATE_LANGUAGE: Rule = { t: "string", min: 1, max: 6 };
export const FLOW_ID: Rule = { t: "string", req: true, min: 1, max: 100, pattern: /^[0-9]+$/ };
export const MEDIA_ID: Rule = { t: "string", req: true, min: 1, max: 100, pattern: /^[A-Za-z0-9]+$/ };
/** An S3File structure. */
export const S3_FILE: Rule = {
  t: "object",
  fields: {
    bucketName: { t: "string", req: true, min: 3, max: 63, pattern: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/ },
    key: { t: "string", req: true, min: 0, max: 1024 },
  },
};
/** A TagList. */
export const TAG_LIST: Rule = {
  t: "list",
  items: {
    t: "object",
    fields: { key: { t: "string", req: true, min: 1, max: 128 }, value: { t: "string", min: 0, max: 256 } },
  },
};
/** 0–1 event destinations. */
export const EVENT_DESTINATIONS: Rule = {
  t: "list",
  min: 0,
  max: 1,
  items: {
    t: "object",
    fields: {
      eventDestinationArn: { t: "string", req: true, max: 2048, pattern: /^arn:.*:[a-z-]+([/:](.*))?$/ },
      roleArn: { t: "string", pattern: /^arn:.*:iam::\d{12}:role\/[a-zA-Z0-9+=,.@\-_]+$/ },
    },
  },
};
/** Flow category enum. */
export const FLOW_CATEGORIES = [
  "SIGN_UP",
  "SIGN_IN",
  "APPOINTMENT_BOOKING",
  "LEAD_GENERATION",
  "SHOPPING",
  "CONTACT_US",
  "CUSTOMER_SUPPORT",
  "SURVEY",
  "OTHER",
] as const;
