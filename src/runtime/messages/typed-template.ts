/**
 * Type-safe template sends over the generated map (src/runtime/generated/templates.ts, from config/): a wrong
 * template name, language, parameter name or count is a compile error; at run time the spec orders the values.
 *
 * @example typedTemplateMessage({ name: "shipping_update", language: "es_MX", params: [...], buttons: { 0: "A-1" } })
 */
import { TEMPLATE_SPECS, type TemplateParams } from "../generated/templates.ts";
import type { CloudApiMessage, OutboundPort } from "../ports.ts";
import type { MediaRef } from "./basic.ts";
import { MessageValidationError } from "./errors.ts";
import { type TemplateButtonParam, type TemplateCard, type TemplateHeader, templateMessage } from "./template.ts";

/** One part (message or carousel card) of a template's send spec. */
export interface TemplatePartSpec {
  header?: { kind: "TEXT"; params: string[] } | { kind: "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION" | "PRODUCT" };
  body: string[];
  buttons: Array<{ index: number; kind: "url" | "copy_code" | "otp" | "flow" }>;
}

/** How one template language is sent (written by the generator). */
export interface TemplateSpec extends TemplatePartSpec {
  format: "NAMED" | "POSITIONAL";
  category: string;
  auth: boolean;
  lto: boolean;
  cards?: TemplatePartSpec[];
}

/** The arguments of a send of any declared template: `{ name, language, ...its parameters }`. */
export type TemplateSend<M = TemplateParams> = {
  [N in keyof M]: { [L in keyof M[N]]: { name: N; language: L } & M[N][L] }[keyof M[N]];
}[keyof M];

type Loose = {
  name: string;
  language: string;
  code?: string;
  params?: readonly string[] | Record<string, string>;
  headerText?: string | Record<string, string>;
  headerMedia?: MediaRef;
  headerLocation?: { latitude: number; longitude: number; name?: string; address?: string };
  headerProduct?: { catalogId: string; productRetailerId: string };
  buttons?: Record<number, string | { flowToken?: string; data?: Record<string, unknown> } | undefined>;
  ltoExpirationMs?: number;
  cards?: Loose[];
};

function headerOf(spec: TemplatePartSpec, a: Loose): TemplateHeader | undefined {
  const h = spec.header;
  if (h === undefined) return undefined;
  if (h.kind === "TEXT") return { text: typeof a.headerText === "string" ? [a.headerText] : (a.headerText ?? {}) };
  if (h.kind === "LOCATION" && a.headerLocation !== undefined) return { location: a.headerLocation };
  if (h.kind === "PRODUCT" && a.headerProduct !== undefined)
    return { product: a.headerProduct } as unknown as TemplateHeader;
  const media = a.headerMedia;
  if (media === undefined) return undefined;
  return h.kind === "IMAGE" ? { image: media } : h.kind === "VIDEO" ? { video: media } : { document: media };
}

function buttonsOf(spec: TemplatePartSpec, a: Loose): TemplateButtonParam[] {
  const out: TemplateButtonParam[] = [];
  for (const b of spec.buttons) {
    const v = a.buttons?.[b.index];
    if (b.kind === "otp") out.push({ index: b.index, type: "otp", code: a.code ?? String(v ?? "") });
    else if (b.kind === "url") out.push({ index: b.index, type: "url", suffix: String(v ?? "") });
    else if (b.kind === "copy_code") out.push({ index: b.index, type: "copy_code", code: String(v ?? "") });
    else if (b.kind === "flow") {
      const f = (typeof v === "object" ? v : {}) as { flowToken?: string; data?: Record<string, unknown> };
      out.push({
        index: b.index,
        type: "flow",
        ...(f.flowToken === undefined ? {} : { flowToken: f.flowToken }),
        ...(f.data === undefined ? {} : { data: f.data }),
      });
    }
  }
  return out;
}

function bodyOf(
  spec: TemplatePartSpec,
  named: boolean,
  a: Loose,
): readonly string[] | Record<string, string> | undefined {
  if (spec.body.length === 0) return a.code === undefined ? undefined : [a.code];
  if (named) {
    const p = (a.params ?? {}) as Record<string, string>;
    return Object.fromEntries(spec.body.map((n) => [n, p[n] as string]));
  }
  return a.params as readonly string[];
}

/** Builds the Cloud API template message of a declared template from typed arguments. */
export function typedTemplateMessage(
  args: TemplateSend,
  specs: Record<string, Record<string, TemplateSpec>> = TEMPLATE_SPECS,
): CloudApiMessage {
  const a = args as unknown as Loose;
  const spec = specs[a.name]?.[a.language];
  if (spec === undefined)
    throw new MessageValidationError("template", [
      {
        path: "template",
        message: `${a.name} (${a.language}) is not declared in config/; run npm run gen:templates after adding it`,
      },
    ]);
  const named = spec.format === "NAMED";
  const header = headerOf(spec, a);
  const body = bodyOf(spec, named, a);
  const cards: TemplateCard[] | undefined = spec.cards?.map((cs, n) => {
    const ca = (a.cards?.[n] ?? { name: a.name, language: a.language }) as Loose;
    const ch = headerOf(cs, ca);
    const cb = bodyOf(cs, named, ca);
    return {
      ...(ch === undefined ? {} : { header: ch as TemplateCard["header"] }),
      ...(cb === undefined ? {} : { body: cb }),
      buttons: buttonsOf(cs, ca),
    } as TemplateCard;
  });
  return templateMessage({
    name: a.name,
    language: a.language,
    ...(header === undefined ? {} : { header }),
    ...(body === undefined ? {} : { body }),
    buttons: buttonsOf(spec, a),
    ...(spec.lto && a.ltoExpirationMs !== undefined ? { ltoExpirationMs: a.ltoExpirationMs } : {}),
    ...(cards === undefined ? {} : { cards }),
  });
}

/** Enqueues a typed template send. */
export async function sendTemplate(
  outbound: OutboundPort,
  target: { originationPhoneNumberId: string; to: string; idempotencyKey: string; purpose?: string },
  args: TemplateSend,
): Promise<void> {
  await outbound.enqueue({ ...target, message: typedTemplateMessage(args) });
}
