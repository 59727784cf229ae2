/** The HTTP front: restJson1 routing and error wire format for EUM operations, plus `/_admin/` and flow assets. */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { AdminError, type EmulatorAdmin } from "./admin.ts";
import type { Engine } from "./engine.ts";
import { EumError } from "./errors.ts";
import type { Operation } from "./operation.ts";
import { flowOperations } from "./ops-flows.ts";
import { messageOperations } from "./ops-messages.ts";
import { templateOperations } from "./ops-templates.ts";
import { wabaOperations } from "./ops-waba.ts";
import { type Input, validateInput } from "./shape.ts";

/** Every EUM operation the emulator serves (the 31 of @aws-sdk/client-socialmessaging 3.1069.0). */
export const OPERATIONS: readonly Operation[] = [
  ...wabaOperations,
  ...templateOperations,
  ...flowOperations,
  ...messageOperations,
];

const ROUTES = new Map<string, Operation>(OPERATIONS.map((o) => [`${o.method} ${o.path}`, o]));
const MAX_BODY = 16 * 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": randomUUID(),
    ...extra,
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: EumError): void {
  send(res, err.status, { message: err.message }, { "x-amzn-errortype": err.code });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new EumError("ValidationException", `Request body exceeds ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): Input {
  if (text === "") return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new EumError("SerializationException", "Request body is not valid JSON");
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new EumError("SerializationException", "Request body must be a JSON object");
  return v as Input;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function applyFaults(e: Engine, op: string): Promise<void> {
  for (const f of e.faults) {
    if (f.count <= 0 || (f.operation !== op && f.operation !== "*")) continue;
    f.count--;
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    if (f.error !== undefined) throw new EumError(f.error, f.message ?? `Injected ${f.error} for ${op}`);
  }
  e.faults = e.faults.filter((f) => f.count > 0);
}

async function handleOperation(
  e: Engine,
  op: Operation,
  req: IncomingMessage,
  query: URLSearchParams,
): Promise<unknown> {
  e.callCounts[op.name] = (e.callCounts[op.name] ?? 0) + 1;
  const raw: Input = op.method === "GET" || op.method === "DELETE" ? {} : parseJson(await readBody(req));
  if (op.method === "GET" || op.method === "DELETE") {
    const map = op.query ?? Object.fromEntries(Object.keys(op.spec).map((k) => [k, k]));
    for (const [wire, member] of Object.entries(map)) {
      const v = query.get(wire);
      if (v !== null) raw[member] = v;
    }
  } else if (op.query) {
    for (const [wire, member] of Object.entries(op.query)) {
      const v = query.get(wire);
      if (v !== null) raw[member] = v;
    }
  }
  await applyFaults(e, op.name);
  const input = validateInput(raw, op.spec);
  e.processDue();
  try {
    return await op.run(e, input);
  } finally {
    e.flush();
  }
}

type AdminCall = (admin: EmulatorAdmin, body: Input) => unknown;

const ADMIN_ROUTES: Record<string, AdminCall> = {
  injectInboundMessage: (a, b) =>
    a.injectInboundMessage(b as unknown as Parameters<EmulatorAdmin["injectInboundMessage"]>[0]),
  setTemplateStatus: (a, b) => a.setTemplateStatus(b as unknown as Parameters<EmulatorAdmin["setTemplateStatus"]>[0]),
  setTemplateCategory: (a, b) =>
    a.setTemplateCategory(b as unknown as Parameters<EmulatorAdmin["setTemplateCategory"]>[0]),
  setTemplateQuality: (a, b) =>
    a.setTemplateQuality(b as unknown as Parameters<EmulatorAdmin["setTemplateQuality"]>[0]),
  editTemplateOutOfBand: (a, b) =>
    a.editTemplateOutOfBand(b as unknown as Parameters<EmulatorAdmin["editTemplateOutOfBand"]>[0]),
  setDisplayName: (a, b) => a.setDisplayName(b as unknown as Parameters<EmulatorAdmin["setDisplayName"]>[0]),
  setPhoneQuality: (a, b) => a.setPhoneQuality(b as unknown as Parameters<EmulatorAdmin["setPhoneQuality"]>[0]),
  injectFault: (a, b) => a.injectFault(b as unknown as Parameters<EmulatorAdmin["injectFault"]>[0]),
  clearFaults: (a) => a.clearFaults(),
  injectDeliveryFailure: (a, b) =>
    a.injectDeliveryFailure(b as unknown as Parameters<EmulatorAdmin["injectDeliveryFailure"]>[0]),
  sentMessages: (a, b) => a.sentMessages(b as unknown as Parameters<EmulatorAdmin["sentMessages"]>[0]),
  events: (a, b) => a.events(b as unknown as Parameters<EmulatorAdmin["events"]>[0]),
  advanceClock: (a, b) => a.advanceClock(Number(b.ms)),
  now: (a) => ({ now: a.now() }),
  reset: (a) => a.reset(),
  callCounts: (a) => a.callCounts(),
  setTemplateLimit: (a, b) => a.setTemplateLimit(String(b.wabaId), Number(b.limit)),
  uploadInboundMedia: (a, b) =>
    a.uploadInboundMedia({
      phoneNumberId: String(b.phoneNumberId),
      mimeType: String(b.mimeType),
      data: String(b.dataBase64 ?? ""),
    }),
  drainEvents: async (a) => {
    await a.drainEvents();
    return {};
  },
  stats: (a, b) => a.stats({ gc: b.gc === true }),
};

async function handleAdmin(
  e: Engine,
  admin: EmulatorAdmin,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const call = ADMIN_ROUTES[name];
  if (!call) return send(res, 404, { message: `unknown admin call ${name}; see docs/emulator.md` });
  try {
    const body = req.method === "POST" ? parseJson(await readBody(req)) : {};
    const result = await call(admin, body);
    send(res, 200, result ?? {});
  } catch (err) {
    if (err instanceof AdminError || err instanceof EumError)
      return send(res, 400, { message: err.message, name: err instanceof EumError ? err.code : err.name });
    throw err;
  } finally {
    e.flush();
  }
}

/** Creates the HTTP server (not yet listening). */
export function createEmulatorServer(e: Engine, admin: EmulatorAdmin): Server {
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    const query = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
    const work = async (): Promise<void> => {
      if (path.startsWith("/_admin/")) return handleAdmin(e, admin, path.slice("/_admin/".length), req, res);
      const flow = /^\/_flows\/(\d+)\/flow\.json$/.exec(path);
      if (flow && req.method === "GET") {
        const f = e.state.flows[flow[1] ?? ""];
        if (!f || f.json === undefined || query.get("token") !== f.previewToken)
          return send(res, 404, { message: "no such flow asset" });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(f.json);
        return;
      }
      const op = ROUTES.get(`${req.method} ${path}`);
      if (!op) throw new EumError("UnknownOperationException", `No EUM operation is bound to ${req.method} ${path}`);
      send(res, 200, await handleOperation(e, op, req, query));
    };
    work().catch((err: unknown) => {
      if (err instanceof EumError) return sendError(res, err);
      process.stderr.write(
        `emulator: internal error on ${req.method} ${path}: ${(err as Error).stack ?? String(err)}\n`,
      );
      if (!res.headersSent)
        sendError(res, new EumError("InternalServiceException", `Emulator internal error: ${(err as Error).message}`));
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
