/** WhatsApp Flows: DRAFT → PUBLISHED → DEPRECATED, only drafts deletable, validation errors as data. */
import { randomUUID } from "node:crypto";
import { DAY_MS, type Engine } from "./engine.ts";
import { invalidParameters, notFound } from "./errors.ts";
import { type Operation, paginate, setIf } from "./operation.ts";
import { FLOW_CATEGORIES, FLOW_ID, type Input, MAX_RESULTS, NEXT_TOKEN, WABA_ID } from "./shape.ts";
import type { FlowRecord, WabaRecord } from "./state.ts";

const PUBLISHABLE_VERSIONS = ["5.1", "6.0", "6.1", "6.2", "6.3", "7.0", "7.1", "7.2", "7.3"];
const CATEGORIES = { t: "list", min: 1, max: 9, items: { t: "string", enum: FLOW_CATEGORIES } } as const;

/** Meta-style validation of a Flow JSON document; problems are returned, never thrown. */
export function validateFlowJson(text: string | undefined): { errors: string[]; version?: string; dataApi?: string } {
  if (text === undefined) return { errors: ["MISSING_FLOW_JSON: the flow has no Flow JSON yet"] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { errors: [`INVALID_JSON: ${(err as Error).message}`] };
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    return { errors: ["INVALID_JSON: the Flow JSON must be an object"] };
  const d = doc as Record<string, unknown>;
  const errors: string[] = [];
  const version = typeof d.version === "string" ? d.version : undefined;
  if (version === undefined) errors.push("MISSING_REQUIRED_PROPERTY: Missing required property 'version'");
  else if (!PUBLISHABLE_VERSIONS.includes(version))
    errors.push(
      `INVALID_PROPERTY_VALUE: version '${version}' is not supported; use one of ${PUBLISHABLE_VERSIONS.join(", ")}`,
    );
  if (d.data_api_version !== undefined || d.routing_model !== undefined)
    errors.push(
      "UNSUPPORTED_FEATURE: flows with a data endpoint (data_api_version, routing_model) are not supported by EUM yet",
    );
  if (!Array.isArray(d.screens) || d.screens.length === 0)
    errors.push("MISSING_REQUIRED_PROPERTY: Missing required property 'screens'");
  else {
    const ids = new Set<string>();
    let terminal = false;
    for (const [n, s] of d.screens.entries()) {
      const sc = (typeof s === "object" && s !== null ? s : {}) as Record<string, unknown>;
      if (typeof sc.id !== "string" || !/^[A-Z_]+$/.test(sc.id))
        errors.push(`INVALID_PROPERTY_VALUE: screens[${n}].id must be upper-case letters and underscores`);
      else if (ids.has(sc.id)) errors.push(`DUPLICATE_SCREEN_ID: screen id '${sc.id}' is used twice`);
      else ids.add(sc.id);
      if (typeof sc.layout !== "object" || sc.layout === null)
        errors.push(`MISSING_REQUIRED_PROPERTY: screens[${n}] is missing 'layout'`);
      if (sc.terminal === true) terminal = true;
    }
    if (!terminal) errors.push("MISSING_TERMINAL_SCREEN: at least one screen must have terminal: true");
  }
  const out: { errors: string[]; version?: string; dataApi?: string } = { errors };
  if (version !== undefined) out.version = version;
  return out;
}

function flowOf(e: Engine, w: WabaRecord, flowId: string): FlowRecord {
  const f = e.state.flows[flowId];
  if (!f || f.wabaId !== w.id) throw notFound(`Flow ${flowId} not found in ${w.id}`);
  return f;
}

function setJson(f: FlowRecord, json: string | undefined): void {
  if (json !== undefined) f.json = json;
  else delete f.json;
  const v = validateFlowJson(f.json);
  f.validationErrors = v.errors;
  if (v.version !== undefined) f.jsonVersion = v.version;
  else delete f.jsonVersion;
}

function requireWaba(e: Engine, i: Input): WabaRecord {
  return e.waba(i.id as string);
}

function preview(f: FlowRecord): { previewUrl: string; expiresAt: string } {
  return {
    previewUrl: `https://business.facebook.com/wa/manage/flows/${f.flowId}/preview/?token=${f.previewToken}`,
    expiresAt: new Date(f.previewExpiresAt).toISOString(),
  };
}

/** The Flow operations. */
export const flowOperations: Operation[] = [
  {
    name: "CreateWhatsAppFlow",
    method: "POST",
    path: "/v1/whatsapp/flow/create",
    spec: {
      id: WABA_ID,
      flowName: { t: "string", req: true, min: 1, max: 200 },
      categories: { ...CATEGORIES, req: true },
      flowJson: { t: "blob", min: 1, max: 10_485_760 },
      publish: { t: "bool" },
      cloneFlowId: { ...FLOW_ID, req: false },
    },
    mutates: true,
    run(e, i) {
      const w = requireWaba(e, i);
      const name = i.flowName as string;
      if (Object.values(e.state.flows).some((f) => f.wabaId === w.id && f.name === name))
        throw invalidParameters(`(#100) A flow named "${name}" already exists in ${w.id}`);
      let json = i.flowJson === undefined ? undefined : (i.flowJson as Buffer).toString("utf8");
      if (typeof i.cloneFlowId === "string") {
        const src = e.state.flows[i.cloneFlowId];
        if (!src || src.wabaId !== w.id)
          throw invalidParameters(
            `(#100) cloneFlowId ${i.cloneFlowId} is not a flow of ${w.id} (flows cannot be copied across WABAs)`,
          );
        json ??= src.json;
      }
      const now = e.now();
      const f: FlowRecord = {
        flowId: String(++e.state.counters.flow),
        wabaId: w.id,
        name,
        categories: i.categories as string[],
        status: "DRAFT",
        validationErrors: [],
        previewToken: randomUUID(),
        previewExpiresAt: now + 30 * DAY_MS,
        createdAt: now,
      };
      setJson(f, json);
      if (i.publish === true && f.validationErrors.length === 0) f.status = "PUBLISHED";
      e.state.flows[f.flowId] = f;
      e.markDirty();
      return { flowId: f.flowId, validationErrors: f.validationErrors };
    },
  },
  {
    name: "GetWhatsAppFlow",
    method: "GET",
    path: "/v1/whatsapp/flow",
    spec: { id: WABA_ID, flowId: FLOW_ID },
    run(e, i) {
      const w = requireWaba(e, i);
      const f = flowOf(e, w, i.flowId as string);
      const out: Record<string, unknown> = {
        flowId: f.flowId,
        flowName: f.name,
        flowStatus: f.status,
        categories: f.categories,
        validationErrors: f.validationErrors,
        preview: preview(f),
        whatsAppBusinessAccount: {
          id: w.metaWabaId,
          name: w.name,
          currency: w.currency,
          timezoneId: w.timezoneId,
          messageTemplateNamespace: w.messageTemplateNamespace,
        },
        application: { name: "AWS End User Messaging Social", id: "1000000000000099" },
        healthStatus: {
          canSendMessage: f.status === "BLOCKED" ? "BLOCKED" : f.status === "THROTTLED" ? "LIMITED" : "AVAILABLE",
          entities: [
            { entityType: "FLOW", id: f.flowId, canSendMessage: f.status === "BLOCKED" ? "BLOCKED" : "AVAILABLE" },
            { entityType: "WABA", id: w.metaWabaId, canSendMessage: "AVAILABLE" },
          ],
        },
      };
      setIf(out, "jsonVersion", f.jsonVersion);
      setIf(out, "dataApiVersion", f.dataApiVersion);
      setIf(out, "endpointUri", f.endpointUri);
      return out;
    },
  },
  {
    name: "ListWhatsAppFlows",
    method: "GET",
    path: "/v1/whatsapp/flow/list",
    spec: { id: WABA_ID, nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
    run(e, i) {
      const w = requireWaba(e, i);
      const all = Object.values(e.state.flows).filter((f) => f.wabaId === w.id);
      const { page, nextToken } = paginate(all, `flows:${w.id}`, i.nextToken, i.maxResults);
      const out: Record<string, unknown> = {
        flows: page.map((f) => ({
          flowId: f.flowId,
          flowName: f.name,
          flowStatus: f.status,
          flowCategories: f.categories,
          validationErrors: f.validationErrors,
        })),
      };
      setIf(out, "nextToken", nextToken);
      return out;
    },
  },
  {
    name: "UpdateWhatsAppFlow",
    method: "POST",
    path: "/v1/whatsapp/flow/update",
    spec: {
      id: WABA_ID,
      flowId: FLOW_ID,
      flowName: { t: "string", min: 1, max: 200 },
      categories: CATEGORIES,
    },
    mutates: true,
    run(e, i) {
      const w = requireWaba(e, i);
      const f = flowOf(e, w, i.flowId as string);
      if (f.status === "DEPRECATED")
        throw invalidParameters(`(#100) Flow ${f.flowId} is DEPRECATED and cannot be changed`);
      if (typeof i.flowName === "string") {
        if (
          Object.values(e.state.flows).some((x) => x.wabaId === w.id && x.name === i.flowName && x.flowId !== f.flowId)
        )
          throw invalidParameters(`(#100) A flow named "${i.flowName}" already exists in ${w.id}`);
        f.name = i.flowName;
      }
      if (Array.isArray(i.categories)) f.categories = i.categories as string[];
      e.markDirty();
      return {};
    },
  },
  {
    name: "UpdateWhatsAppFlowAssets",
    method: "POST",
    path: "/v1/whatsapp/flow/assets/update",
    spec: { id: WABA_ID, flowId: FLOW_ID, flowJson: { t: "blob", req: true, min: 1, max: 10_485_760 } },
    mutates: true,
    run(e, i) {
      const w = requireWaba(e, i);
      const f = flowOf(e, w, i.flowId as string);
      if (f.status === "DEPRECATED")
        throw invalidParameters(`(#100) Flow ${f.flowId} is DEPRECATED; its Flow JSON cannot be changed`);
      setJson(f, (i.flowJson as Buffer).toString("utf8"));
      if (f.status === "PUBLISHED") f.status = "DRAFT";
      e.markDirty();
      return { validationErrors: f.validationErrors };
    },
  },
  {
    name: "ListWhatsAppFlowAssets",
    method: "GET",
    path: "/v1/whatsapp/flow/assets",
    spec: { id: WABA_ID, flowId: FLOW_ID, nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
    run(e, i) {
      const w = requireWaba(e, i);
      const f = flowOf(e, w, i.flowId as string);
      const assets =
        f.json === undefined
          ? []
          : [
              {
                name: "flow.json",
                assetType: "FLOW_JSON",
                downloadUrl: `${e.url}/_flows/${f.flowId}/flow.json?token=${f.previewToken}`,
              },
            ];
      const { page, nextToken } = paginate(assets, `assets:${f.flowId}`, i.nextToken, i.maxResults);
      const out: Record<string, unknown> = { flowAssets: page };
      setIf(out, "nextToken", nextToken);
      return out;
    },
  },
  {
    name: "GetWhatsAppFlowPreview",
    method: "GET",
    path: "/v1/whatsapp/flow/preview",
    spec: { id: WABA_ID, flowId: FLOW_ID, invalidate: { t: "bool" } },
    mutates: true,
    run(e, i) {
      const w = requireWaba(e, i);
      const f = flowOf(e, w, i.flowId as string);
      if (i.invalidate === true || f.previewExpiresAt <= e.now()) {
        f.previewToken = randomUUID();
        f.previewExpiresAt = e.now() + 30 * DAY_MS;
        e.markDirty();
      }
      return { flowId: f.flowId, preview: preview(f) };
    },
  },
  {
    name: "PublishWhatsAppFlow",
    method: "POST",
    path: "/v1/whatsapp/flow/publish",
    spec: { id: WABA_ID, flowId: FLOW_ID },
    mutates: true,
    run(e, i) {
      const w = requireWaba(e, i);
      const f = flowOf(e, w, i.flowId as string);
      if (f.status !== "DRAFT")
        throw invalidParameters(`(#100) Flow ${f.flowId} is ${f.status}; only DRAFT flows can be published`);
      if (f.validationErrors.length > 0)
        throw invalidParameters(
          `(#139001) Flow ${f.flowId} has validation errors and cannot be published: ${f.validationErrors.join("; ")}`,
        );
      f.status = "PUBLISHED";
      e.markDirty();
      return {};
    },
  },
  {
    name: "DeprecateWhatsAppFlow",
    method: "POST",
    path: "/v1/whatsapp/flow/deprecate",
    spec: { id: WABA_ID, flowId: FLOW_ID },
    mutates: true,
    run(e, i) {
      const w = requireWaba(e, i);
      const f = flowOf(e, w, i.flowId as string);
      if (f.status !== "PUBLISHED")
        throw invalidParameters(`(#100) Flow ${f.flowId} is ${f.status}; only PUBLISHED flows can be deprecated`);
      f.status = "DEPRECATED";
      e.markDirty();
      return {};
    },
  },
  {
    name: "DeleteWhatsAppFlow",
    method: "DELETE",
    path: "/v1/whatsapp/flow",
    spec: { id: WABA_ID, flowId: FLOW_ID },
    mutates: true,
    run(e, i) {
      const w = requireWaba(e, i);
      const f = flowOf(e, w, i.flowId as string);
      if (f.status !== "DRAFT")
        throw invalidParameters(
          `(#100) Flow ${f.flowId} is ${f.status}; only DRAFT flows can be deleted (deprecate it instead)`,
        );
      delete e.state.flows[f.flowId];
      e.markDirty();
      return {};
    },
  },
];
