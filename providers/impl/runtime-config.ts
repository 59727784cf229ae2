/**
 * RuntimeConfig implementation: one declared document (business profile, conversation flow, payment
 * configuration) written to the runtime config table, versioned and hashed so handlers can cache it. The parts
 * only WhatsApp Manager can set travel as `manualSteps` outputs and warnings.
 */
import {
  type ConfigKind,
  contentHash,
  deleteConfigItem,
  getConfigItem,
  putConfigItem,
} from "../../src/runtime/config-store.ts";
import { configStore, hasUnknown, jsonClean, warn } from "./settings.ts";

export { configure } from "./settings.ts";

const KINDS: ConfigKind[] = ["BusinessProfile", "ConversationFlow", "PaymentConfiguration"];

/** Inputs: kind, document id, content, manual steps. */
export interface RuntimeConfigInputs {
  kind: ConfigKind;
  id: string;
  content: Record<string, unknown>;
  manualSteps: string[];
  /** The config table; when absent, stack config `waba:configTable`. Passing the runtime's table output orders
   * the write after the table exists. */
  table?: string;
}

/** Outputs: the inputs plus the stored version and hash. */
export interface RuntimeConfigOutputs extends RuntimeConfigInputs {
  table: string;
  version: number;
  hash: string;
}

/** Validates the kind. */
export async function check(_olds: unknown, news: RuntimeConfigInputs) {
  const failures = KINDS.includes(news.kind)
    ? []
    : [{ property: "kind", reason: `"${news.kind}" is not one of ${KINDS.join(", ")}` }];
  return { inputs: jsonClean({ ...news, manualSteps: news.manualSteps ?? [] }), failures };
}

/** Pure: content compared by hash; kind/id are identity. */
export async function diff(_id: string, olds: RuntimeConfigOutputs, news: RuntimeConfigInputs) {
  if (hasUnknown(news)) return { changes: true, replaces: [], deleteBeforeReplace: true };
  const replaces: string[] = (["kind", "id"] as const).filter((k) => olds[k] !== news[k]);
  // Moving to another table writes the document there and removes it from the old one.
  if (news.table !== undefined && news.table !== "" && olds.table !== news.table) replaces.push("table");
  for (const s of news.manualSteps ?? []) warn(`manual step for ${news.kind} ${news.id}: ${s}`);
  const changes =
    replaces.length > 0 ||
    olds.hash !== contentHash(news.content) ||
    JSON.stringify(olds.manualSteps ?? []) !== JSON.stringify(news.manualSteps ?? []);
  return { changes, replaces: [...replaces], deleteBeforeReplace: true };
}

function store(table?: string) {
  const s = configStore(table);
  if (!s)
    throw new Error("the runtime config table is not configured: pass `table` or set stack config waba:configTable");
  return s;
}

async function write(inputs: RuntimeConfigInputs): Promise<RuntimeConfigOutputs> {
  const s = store(inputs.table);
  const item = await putConfigItem(s.db, s.table, inputs.kind, inputs.id, inputs.content);
  for (const m of inputs.manualSteps ?? []) warn(`manual step for ${inputs.kind} ${inputs.id}: ${m}`);
  return jsonClean({ ...inputs, table: s.table, version: item.version, hash: item.hash });
}

/** Writes the document. */
export async function create(inputs: RuntimeConfigInputs) {
  return { id: `${inputs.kind}#${inputs.id}`, outs: await write(inputs) };
}

/** Writes the new content (a new version when it changed). */
export async function update(_id: string, _olds: RuntimeConfigOutputs, news: RuntimeConfigInputs) {
  return { outs: await write(news) };
}

/** The stored document; gone when the item was deleted. */
export async function read(id: string, props: RuntimeConfigOutputs) {
  const s = store(props.table);
  const item = await getConfigItem<Record<string, unknown>>(s.db, s.table, props.kind, props.id);
  if (!item) return { id: "" };
  const live: RuntimeConfigOutputs = { ...props, content: item.content, version: item.version, hash: item.hash };
  const inputs: RuntimeConfigInputs = {
    kind: props.kind,
    id: props.id,
    content: item.content,
    manualSteps: props.manualSteps ?? [],
    ...(props.table ? { table: props.table } : {}),
  };
  return { id, props: jsonClean(live), inputs: jsonClean(inputs) };
}

/** Removes the document. */
export async function del(_id: string, props: RuntimeConfigOutputs): Promise<void> {
  const s = store(props.table);
  await deleteConfigItem(s.db, s.table, props.kind, props.id);
}

export { del as delete };
