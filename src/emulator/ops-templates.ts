/** Template operations: create (definition, library), read, list, edit, delete, header media, library listing. */
import { createHash, randomBytes } from "node:crypto";
import { checkMedia, mimeTypeOf, readS3 } from "./aws.ts";
import { DAY_MS, type Engine } from "./engine.ts";
import { deniedByMeta, invalidParameters, notFound } from "./errors.ts";
import { type LibraryEntry, TEMPLATE_LIBRARY } from "./library.ts";
import { type Operation, paginate, setIf } from "./operation.ts";
import { checkComponents, parseDefinition, reviewTemplate, toStoredComponents } from "./review.ts";
import {
  MAX_RESULTS,
  META_TEMPLATE_ID,
  NEXT_TOKEN,
  S3_FILE,
  TEMPLATE_LANGUAGE,
  TEMPLATE_NAME,
  WABA_ID,
} from "./shape.ts";
import type { TemplateRecord, WabaRecord } from "./state.ts";

type Obj = Record<string, unknown>;
const EDITABLE = ["APPROVED", "REJECTED", "PAUSED"];

function parseJsonBlob(buf: unknown, what: string): unknown {
  try {
    return JSON.parse((buf as Buffer).toString("utf8"));
  } catch (err) {
    throw invalidParameters(`(#100) ${what} is not valid JSON: ${(err as Error).message}`);
  }
}

function checkCanCreate(e: Engine, w: WabaRecord, name: string, language: string): void {
  const lockedUntil = e.state.lockedNames[`${w.id}|${name}`];
  if (lockedUntil !== undefined && lockedUntil > e.now())
    throw deniedByMeta(
      `(#2388023) The name "${name}" was deleted and cannot be reused until ${new Date(lockedUntil).toISOString()}`,
    );
  const all = e.templatesOf(w.id);
  if (all.some((t) => t.name === name && t.language === language))
    throw invalidParameters(`(#2388024) A template named "${name}" already exists in language ${language}`);
  if (all.length >= w.templateLimit)
    throw invalidParameters(`(#2388019) Message template limit exceeded: this WABA may have ${w.templateLimit}`);
}

function newTemplate(
  e: Engine,
  w: WabaRecord,
  fields: Pick<TemplateRecord, "name" | "language" | "category" | "parameterFormat" | "submittedComponents">,
): TemplateRecord {
  const now = e.now();
  const id = String(++e.state.counters.template);
  const t: TemplateRecord = {
    wabaId: w.id,
    metaTemplateId: id,
    ...fields,
    requestedCategory: fields.category,
    status: "PENDING",
    rejectedReason: "NONE",
    qualityScore: "UNKNOWN",
    components: toStoredComponents(fields.submittedComponents, fields.category),
    createdAt: now,
    updatedAt: now,
    approvedEdits: [],
    everApproved: false,
  };
  e.state.templates[id] = t;
  e.markDirty();
  return t;
}

function submitForReview(e: Engine, t: TemplateRecord): void {
  t.status = "PENDING";
  t.pendingDecision = reviewTemplate({
    category: t.category,
    parameterFormat: t.parameterFormat,
    components: t.submittedComponents,
  });
  t.reviewAt = e.now() + e.opts.reviewDelayMs;
  e.schedule(e.opts.reviewDelayMs);
  e.markDirty();
}

/** Meta's template object as GetWhatsAppMessageTemplate returns it (a JSON string). */
export function metaTemplateJson(t: TemplateRecord): string {
  const o: Obj = {
    name: t.name,
    parameter_format: t.parameterFormat,
    components: t.components,
    language: t.language,
    status: t.status,
    category: t.category,
    id: t.metaTemplateId,
  };
  if (t.status === "REJECTED") o.rejected_reason = t.rejectedReason;
  setIf(o, "previous_category", t.previousCategory);
  setIf(o, "message_send_ttl_seconds", t.messageSendTtlSeconds);
  setIf(o, "library_template_name", t.libraryTemplateName);
  setIf(o, "cta_url_link_tracking_opted_out", t.ctaUrlLinkTrackingOptedOut);
  return JSON.stringify(o);
}

function findTemplate(e: Engine, w: WabaRecord, i: Obj): TemplateRecord {
  if (typeof i.metaTemplateId === "string") {
    const t = e.state.templates[i.metaTemplateId];
    if (!t || t.wabaId !== w.id) throw notFound(`Template ${i.metaTemplateId} not found in ${w.id}`);
    return t;
  }
  if (typeof i.templateName === "string" && typeof i.templateLanguageCode === "string") {
    const t = e.templatesOf(w.id).find((x) => x.name === i.templateName && x.language === i.templateLanguageCode);
    if (!t) throw notFound(`Template ${i.templateName} (${i.templateLanguageCode}) not found in ${w.id}`);
    return t;
  }
  throw invalidParameters("Provide metaTemplateId, or templateName together with templateLanguageCode");
}

function libraryComponents(entry: LibraryEntry, i: Obj): Obj[] {
  const bodyInputs = (i.libraryTemplateBodyInputs ?? {}) as {
    addContactNumber?: boolean;
    addLearnMoreLink?: boolean;
    addSecurityRecommendation?: boolean;
    addTrackPackageLink?: boolean;
    codeExpirationMinutes?: number;
  };
  const buttonInputs = (i.libraryTemplateButtonInputs ?? []) as {
    type?: string;
    phoneNumber?: string;
    url?: Record<string, string>;
    otpType?: string;
  }[];
  const out: Obj[] = [];
  if (entry.templateCategory === "AUTHENTICATION") {
    out.push({ type: "BODY", add_security_recommendation: bodyInputs.addSecurityRecommendation === true });
    if (bodyInputs.codeExpirationMinutes !== undefined)
      out.push({ type: "FOOTER", code_expiration_minutes: bodyInputs.codeExpirationMinutes });
    const otp = buttonInputs.find((b) => b.type?.toUpperCase() === "OTP");
    out.push({ type: "BUTTONS", buttons: [{ type: "OTP", otp_type: otp?.otpType ?? "COPY_CODE" }] });
    return out;
  }
  if (entry.templateHeader) out.push({ type: "HEADER", format: "TEXT", text: entry.templateHeader });
  let body = entry.templateBody;
  if (bodyInputs.addContactNumber) body += " Contact us if you have any questions.";
  if (bodyInputs.addLearnMoreLink) body += " Learn more on our website.";
  if (bodyInputs.addTrackPackageLink) body += " Track your package with the button below.";
  out.push({ type: "BODY", text: body, example: { body_text: [entry.templateBodyExampleParams] } });
  const buttons: Obj[] = [];
  for (const b of entry.templateButtons ?? []) {
    const input = buttonInputs.find((x) => x.type?.toUpperCase() === b.type);
    if (b.type === "URL") {
      const base = input?.url?.base_url ?? b.url;
      if (!input?.url?.base_url)
        throw invalidParameters(
          `(#100) Library template ${entry.templateName} needs a URL button input (url.base_url)`,
        );
      const btn: Obj = { type: "URL", text: b.text, url: base };
      if (base?.includes("{{1}}"))
        btn.example = [input.url.url_suffix_example ?? base.replace("{{1}}", "example").replace(/\s/g, "")];
      buttons.push(btn);
    } else if (b.type === "PHONE_NUMBER") {
      if (!input?.phoneNumber)
        throw invalidParameters(`(#100) Library template ${entry.templateName} needs a PHONE_NUMBER button input`);
      buttons.push({ type: "PHONE_NUMBER", text: b.text, phone_number: input.phoneNumber });
    } else buttons.push({ type: b.type, text: b.text });
  }
  if (buttons.length > 0) out.push({ type: "BUTTONS", buttons });
  return out;
}

/** The template operations. */
export const templateOperations: Operation[] = [
  {
    name: "CreateWhatsAppMessageTemplate",
    method: "POST",
    path: "/v1/whatsapp/template/put",
    spec: { templateDefinition: { t: "blob", req: true, min: 1, max: 6000 }, id: WABA_ID },
    mutates: true,
    run(e, i) {
      const w = e.waba(i.id as string);
      const def = parseDefinition(parseJsonBlob(i.templateDefinition, "templateDefinition"));
      checkCanCreate(e, w, def.name, def.language);
      const raw = (parseJsonBlob(i.templateDefinition, "templateDefinition") as Obj).components as Obj[];
      const t = newTemplate(e, w, {
        name: def.name,
        language: def.language,
        category: def.category,
        parameterFormat: def.parameterFormat,
        submittedComponents: raw,
      });
      if (def.messageSendTtlSeconds !== undefined) t.messageSendTtlSeconds = def.messageSendTtlSeconds;
      submitForReview(e, t);
      return { metaTemplateId: t.metaTemplateId, templateStatus: t.status, category: t.category };
    },
  },
  {
    name: "CreateWhatsAppMessageTemplateFromLibrary",
    method: "POST",
    path: "/v1/whatsapp/template/create",
    spec: {
      id: WABA_ID,
      metaLibraryTemplate: {
        t: "object",
        req: true,
        fields: {
          templateName: { ...TEMPLATE_NAME, req: true },
          libraryTemplateName: { ...TEMPLATE_NAME, req: true },
          templateCategory: { t: "string", req: true, min: 1, max: 100 },
          templateLanguage: { ...TEMPLATE_LANGUAGE, req: true },
          libraryTemplateButtonInputs: {
            t: "list",
            items: {
              t: "object",
              fields: {
                type: { t: "string", min: 1, max: 25 },
                phoneNumber: { t: "string", min: 1, max: 20 },
                url: { t: "map", max: 10, keyMax: 30, valueMax: 400 },
                otpType: { t: "string", min: 1, max: 25 },
                zeroTapTermsAccepted: { t: "bool" },
                supportedApps: { t: "list", items: { t: "map", max: 10, keyMax: 30, valueMax: 100 } },
              },
            },
          },
          libraryTemplateBodyInputs: {
            t: "object",
            fields: {
              addContactNumber: { t: "bool" },
              addLearnMoreLink: { t: "bool" },
              addSecurityRecommendation: { t: "bool" },
              addTrackPackageLink: { t: "bool" },
              codeExpirationMinutes: { t: "int" },
            },
          },
        },
      },
    },
    mutates: true,
    run(e, i) {
      const w = e.waba(i.id as string);
      const m = i.metaLibraryTemplate as Obj & {
        templateName: string;
        libraryTemplateName: string;
        templateCategory: string;
        templateLanguage: string;
      };
      const entry = TEMPLATE_LIBRARY.find((x) => x.templateName === m.libraryTemplateName);
      if (!entry) throw invalidParameters(`(#100) Library template ${m.libraryTemplateName} does not exist`);
      if (!/^[a-z0-9_]+$/.test(m.templateName))
        throw invalidParameters(`(#100) Invalid parameter: name "${m.templateName}" (lower-case, digits, underscore)`);
      if (m.templateCategory.toUpperCase() !== entry.templateCategory)
        throw invalidParameters(
          `(#100) Library template ${entry.templateName} is ${entry.templateCategory}, not ${m.templateCategory}`,
        );
      checkCanCreate(e, w, m.templateName, m.templateLanguage);
      const comps = libraryComponents(entry, m);
      const t = newTemplate(e, w, {
        name: m.templateName,
        language: m.templateLanguage,
        category: entry.templateCategory,
        parameterFormat: "POSITIONAL",
        submittedComponents: comps,
      });
      t.libraryTemplateName = entry.templateName;
      // Unmodified library templates are approved by Meta without review.
      e.setStatus(t, "APPROVED");
      return { metaTemplateId: t.metaTemplateId, templateStatus: t.status, category: t.category };
    },
  },
  {
    name: "CreateWhatsAppMessageTemplateMedia",
    method: "POST",
    path: "/v1/whatsapp/template/media",
    spec: { id: WABA_ID, sourceS3File: S3_FILE },
    mutates: true,
    async run(e, i) {
      const w = e.waba(i.id as string);
      const src = i.sourceS3File as { bucketName: string; key: string } | undefined;
      if (!src) throw invalidParameters("sourceS3File is required");
      const obj = await readS3(e.opts.awsEndpoint, e.state.region, src.bucketName, src.key);
      const mimeType = mimeTypeOf(src.key, obj.contentType);
      checkMedia(mimeType, obj.data.length, ["image", "video", "document"]);
      const digest = createHash("sha256").update(obj.data).digest("base64url").slice(0, 32);
      const handle = `4::${Buffer.from(mimeType).toString("base64")}:ARb${randomBytes(18).toString("base64url")}:e:${Math.floor(e.now() / 1000) + 30 * 86400}:${digest}`;
      e.state.headerHandles[handle] = {
        handle,
        wabaId: w.id,
        mimeType,
        size: obj.data.length,
        createdAt: e.now(),
      };
      e.markDirty();
      return { metaHeaderHandle: handle };
    },
  },
  {
    name: "GetWhatsAppMessageTemplate",
    method: "GET",
    path: "/v1/whatsapp/template",
    spec: {
      id: WABA_ID,
      metaTemplateId: META_TEMPLATE_ID,
      templateName: TEMPLATE_NAME,
      templateLanguageCode: TEMPLATE_LANGUAGE,
    },
    run(e, i) {
      const w = e.waba(i.id as string);
      return { template: metaTemplateJson(findTemplate(e, w, i)) };
    },
  },
  {
    name: "ListWhatsAppMessageTemplates",
    method: "GET",
    path: "/v1/whatsapp/template/list",
    spec: { id: WABA_ID, nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
    run(e, i) {
      const w = e.waba(i.id as string);
      const { page, nextToken } = paginate(e.templatesOf(w.id), `tpl:${w.id}`, i.nextToken, i.maxResults);
      const out: Obj = {
        templates: page.map((t) => ({
          templateName: t.name,
          metaTemplateId: t.metaTemplateId,
          templateStatus: t.status,
          templateQualityScore: t.qualityScore,
          templateLanguage: t.language,
          templateCategory: t.category,
        })),
      };
      setIf(out, "nextToken", nextToken);
      return out;
    },
  },
  {
    name: "UpdateWhatsAppMessageTemplate",
    method: "POST",
    path: "/v1/whatsapp/template",
    spec: {
      id: WABA_ID,
      metaTemplateId: META_TEMPLATE_ID,
      templateName: TEMPLATE_NAME,
      templateLanguageCode: TEMPLATE_LANGUAGE,
      parameterFormat: { t: "string", min: 1, max: 15 },
      templateCategory: { t: "string", min: 1, max: 100 },
      templateComponents: { t: "blob", min: 1, max: 3000 },
      ctaUrlLinkTrackingOptedOut: { t: "bool" },
    },
    mutates: true,
    run(e, i) {
      const w = e.waba(i.id as string);
      const t = findTemplate(e, w, i);
      const category = typeof i.templateCategory === "string" ? i.templateCategory.toUpperCase() : undefined;
      const format = typeof i.parameterFormat === "string" ? i.parameterFormat.toUpperCase() : undefined;
      if (
        category === undefined &&
        format === undefined &&
        i.templateComponents === undefined &&
        i.ctaUrlLinkTrackingOptedOut === undefined
      )
        throw invalidParameters(
          "Nothing to update: give templateComponents, templateCategory, parameterFormat or ctaUrlLinkTrackingOptedOut",
        );
      if (category !== undefined && !["MARKETING", "UTILITY", "AUTHENTICATION"].includes(category))
        throw invalidParameters(`(#100) Invalid parameter: templateCategory "${String(i.templateCategory)}"`);
      if (format !== undefined && format !== "NAMED" && format !== "POSITIONAL")
        throw invalidParameters(`(#100) Invalid parameter: parameterFormat "${String(i.parameterFormat)}"`);
      if (!EDITABLE.includes(t.status))
        throw deniedByMeta(
          `(#2388028) Template ${t.name} (${t.language}) is ${t.status}; only APPROVED, REJECTED or PAUSED templates can be edited`,
        );
      if (category !== undefined && category !== t.category && t.everApproved && t.status !== "REJECTED")
        throw deniedByMeta(`(#2388030) The category of approved template ${t.name} (${t.language}) cannot be changed`);
      const now = e.now();
      if (t.status === "APPROVED") {
        const lastDay = t.approvedEdits.filter((x) => x > now - DAY_MS).length;
        const lastMonth = t.approvedEdits.filter((x) => x > now - 30 * DAY_MS).length;
        if (lastDay >= 1)
          throw deniedByMeta(
            `(#2388045) Approved template ${t.name} (${t.language}) can be edited once per 24 hours; next edit after ${new Date(Math.max(...t.approvedEdits) + DAY_MS).toISOString()}`,
          );
        if (lastMonth >= 10)
          throw deniedByMeta(
            `(#2388046) Approved template ${t.name} (${t.language}) was edited 10 times in 30 days; the limit is 10`,
          );
      }
      const newCategory = category ?? t.category;
      let submitted = t.submittedComponents;
      if (i.templateComponents !== undefined) {
        const raw = parseJsonBlob(i.templateComponents, "templateComponents");
        checkComponents(raw, newCategory);
        submitted = raw as Obj[];
      }
      if (t.status === "APPROVED") t.approvedEdits = [...t.approvedEdits.filter((x) => x > now - 30 * DAY_MS), now];
      t.category = newCategory;
      t.requestedCategory = newCategory;
      if (format !== undefined) t.parameterFormat = format;
      t.submittedComponents = submitted;
      t.components = toStoredComponents(submitted, newCategory);
      if (typeof i.ctaUrlLinkTrackingOptedOut === "boolean")
        t.ctaUrlLinkTrackingOptedOut = i.ctaUrlLinkTrackingOptedOut;
      t.updatedAt = now;
      submitForReview(e, t);
      e.setStatus(t, "PENDING");
      return {};
    },
  },
  {
    name: "DeleteWhatsAppMessageTemplate",
    method: "DELETE",
    path: "/v1/whatsapp/template",
    query: {
      id: "id",
      templateName: "templateName",
      metaTemplateId: "metaTemplateId",
      deleteAllTemplates: "deleteAllLanguages",
    },
    spec: {
      id: WABA_ID,
      templateName: { ...TEMPLATE_NAME, req: true },
      metaTemplateId: META_TEMPLATE_ID,
      deleteAllLanguages: { t: "bool" },
    },
    mutates: true,
    run(e, i) {
      const w = e.waba(i.id as string);
      const name = i.templateName as string;
      const byName = e.templatesOf(w.id).filter((t) => t.name === name);
      let targets: TemplateRecord[];
      const all = i.deleteAllLanguages === true || i.metaTemplateId === undefined;
      if (!all) {
        const t = byName.find((x) => x.metaTemplateId === i.metaTemplateId);
        if (!t) throw notFound(`Template ${String(i.metaTemplateId)} named ${name} not found in ${w.id}`);
        targets = [t];
      } else {
        if (byName.length === 0) throw notFound(`No template named ${name} in ${w.id}`);
        targets = byName;
      }
      const disabled = targets.find((t) => t.status === "DISABLED");
      if (disabled)
        throw deniedByMeta(`(#2388029) Template ${name} (${disabled.language}) is DISABLED and cannot be deleted`);
      for (const t of targets) delete e.state.templates[t.metaTemplateId];
      if (all) e.state.lockedNames[`${w.id}|${name}`] = e.now() + 30 * DAY_MS;
      e.markDirty();
      return {};
    },
  },
  {
    name: "ListWhatsAppTemplateLibrary",
    method: "POST",
    path: "/v1/whatsapp/template/library",
    query: { id: "id" },
    spec: {
      id: WABA_ID,
      nextToken: NEXT_TOKEN,
      maxResults: MAX_RESULTS,
      filters: { t: "map", max: 10, keyMax: 100, valueMax: 100 },
    },
    run(e, i) {
      const w = e.waba(i.id as string);
      const filters = (i.filters ?? {}) as Record<string, string>;
      const known = ["searchKey", "topic", "usecase", "industry", "language"];
      for (const k of Object.keys(filters))
        if (!known.includes(k))
          throw invalidParameters(`Unknown library filter "${k}"; use one of ${known.join(", ")}`);
      const eq = (a: string, b: string | undefined): boolean => b === undefined || a.toUpperCase() === b.toUpperCase();
      const items = TEMPLATE_LIBRARY.filter(
        (t) =>
          (filters.searchKey === undefined ||
            `${t.templateName} ${t.templateBody}`.toLowerCase().includes(filters.searchKey.toLowerCase())) &&
          eq(t.templateTopic, filters.topic) &&
          eq(t.templateUseCase, filters.usecase) &&
          (filters.industry === undefined || t.templateIndustry.some((x) => eq(x, filters.industry))) &&
          (filters.language === undefined || t.templateLanguage === filters.language),
      );
      const { page, nextToken } = paginate(items, `lib:${w.id}:${JSON.stringify(filters)}`, i.nextToken, i.maxResults);
      const out: Obj = { metaLibraryTemplates: page.map((t) => structuredClone(t)) };
      setIf(out, "nextToken", nextToken);
      return out;
    },
  },
];
