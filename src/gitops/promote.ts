/**
 * `waba promote` as a library: which templates environment B would receive from environment A, gated on A's live
 * approval status, as a plan of B's config; `writePromotion` edits B's overlay file (comments kept) so the change
 * goes through a pull request. Only B's template selection changes; per-environment overrides are kept and listed.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { loadConfig } from "../config/load.ts";
import { globToRegExp, isSelected } from "../config/overlay.ts";
import { ConfigError } from "../config/problem.ts";
import { diffValues, type FieldChange } from "../reconcile/plan.ts";
import { normalizeTemplate } from "../reconcile/template.ts";
import { type LoadedEnvironment, loadEnvironment } from "./environment.ts";
import { readLiveEstate } from "./live.ts";

/** A template-language B would receive or see changed. */
export interface PromotionChange {
  key: string;
  name: string;
  language: string;
  action: "create" | "update";
  /** A's live status of this language. */
  sourceStatus: string;
  /** E.g. Meta recategorized it in A, so B will likely get the same verdict. */
  warnings: string[];
  changes: FieldChange[];
  definition: Record<string, unknown>;
}

/** The promotion of A into B. */
export interface PromotionReport {
  from: string;
  to: string;
  /** The overlay file that changes, relative to the config root. */
  file: string;
  promoted: string[];
  /** Names held back, with the reason. */
  heldBack: { name: string; reason: string }[];
  changes: PromotionChange[];
  /** Templates selected in both whose definitions differ through overrides (kept as they are). */
  overrideDifferences: { key: string; fields: string[] }[];
  /** The edited selection, as human-readable lines. */
  selectionEdits: string[];
  /** B's overlay file after the promotion (unchanged text when nothing is promoted). */
  newEnvText: string;
}

/** Options of `buildPromotion`. */
export interface PromoteOptions {
  /** Promote templates that are not APPROVED in A too. */
  includeUnapproved?: boolean | undefined;
}

type Selection = { include?: string[]; exclude?: string[] } | undefined;

/** Edits the `templates` selection of an overlay document so `names` become selected; comments are kept. */
export function selectTemplates(
  envText: string,
  names: readonly string[],
  allNames: readonly string[],
): { text: string; edits: string[] } {
  const doc = parseDocument(envText);
  const edits: string[] = [];
  const promoted = new Set(names);
  const exclude = doc.getIn(["templates", "exclude"], true);
  if (isSeq(exclude)) {
    for (let i = exclude.items.length - 1; i >= 0; i--) {
      const item = exclude.items[i];
      const glob = isScalar(item) ? String(item.value) : "";
      const re = globToRegExp(glob);
      const hits = names.filter((n) => re.test(n));
      if (hits.length === 0) continue;
      // Keep excluding what the glob matched and is not promoted, by name.
      const keep = allNames.filter((n) => re.test(n) && !promoted.has(n));
      exclude.items.splice(i, 1, ...keep.map((n) => doc.createNode(n)));
      edits.push(
        `templates.exclude: "${glob}" removed${keep.length > 0 ? `, still excluded by name: ${keep.join(", ")}` : ""}`,
      );
    }
    if (exclude.items.length === 0) doc.deleteIn(["templates", "exclude"]);
  }
  const include = doc.getIn(["templates", "include"], true);
  if (isSeq(include)) {
    const globs = include.items.map((it) => (isScalar(it) ? String(it.value) : ""));
    for (const n of names)
      if (!globs.some((g) => globToRegExp(g).test(n))) {
        include.add(doc.createNode(n));
        edits.push(`templates.include: "${n}" added`);
      }
  }
  const templates = doc.getIn(["templates"], true);
  if (isMap(templates) && templates.items.length === 0) doc.deleteIn(["templates"]);
  return { text: doc.toString({ lineWidth: 0 }), edits };
}

const key = (name: string, language: string): string => `${name}:${language}`;

/** Computes what B would receive from A; reads A's live template statuses (one paginated List). */
export async function buildPromotion(
  root: string,
  from: LoadedEnvironment,
  to: LoadedEnvironment,
  eumFrom: SocialMessagingClient,
  opts: PromoteOptions = {},
): Promise<PromotionReport> {
  const envFile = join("envs", `${to.name}.yaml`);
  const envText = await readFile(join(root, envFile), "utf8");
  const selection = to.model.environment?.value.templates as Selection;
  const all = await loadConfig(root);
  const allNames = [...new Set(all.model.templates.map((t) => t.value.name))].sort();
  const live = await readLiveEstate(eumFrom, from.wabaId, { detailsFor: () => [] });

  const fromByName = new Map<string, string[]>();
  for (const t of from.templates) fromByName.set(t.name, [...(fromByName.get(t.name) ?? []), t.language]);
  const promoted: string[] = [];
  const heldBack: PromotionReport["heldBack"] = [];
  for (const [name, languages] of [...fromByName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (isSelected(name, selection)) continue;
    const notReady = languages
      .sort()
      .map((l) => [l, live.summaries.get(key(name, l))?.status ?? "not deployed"] as const)
      .filter(([, s]) => s !== "APPROVED");
    if (notReady.length > 0 && !opts.includeUnapproved)
      heldBack.push({
        name,
        reason: `${notReady.map(([l, s]) => `${l} is ${s}`).join(", ")} in ${from.name} (only templates APPROVED in ${from.name} are promoted; --include-unapproved overrides)`,
      });
    else promoted.push(name);
  }

  const { text: newEnvText, edits } =
    promoted.length > 0 ? selectTemplates(envText, promoted, allNames) : { text: envText, edits: [] as string[] };
  const after = promoted.length > 0 ? await loadWithEnvText(root, to.name, newEnvText) : to;
  const before = new Map(to.templates.map((t) => [key(t.name, t.language), normalizeTemplate(t.definition)]));
  const changes: PromotionChange[] = [];
  for (const t of after.templates) {
    const k = key(t.name, t.language);
    const want = normalizeTemplate(t.definition);
    const had = before.get(k);
    const diff = had ? diffValues(had, want) : [];
    if (had && diff.length === 0) continue;
    const sourceCategory = live.summaries.get(k)?.category;
    const warnings =
      sourceCategory !== undefined && sourceCategory !== want.category
        ? [
            `Meta approved ${k} in ${from.name} as ${sourceCategory}, not ${want.category}; expect the same in ${to.name} and update the YAML's category`,
          ]
        : [];
    changes.push({
      key: k,
      name: t.name,
      language: t.language,
      action: had ? "update" : "create",
      sourceStatus: live.summaries.get(k)?.status ?? "not deployed",
      warnings,
      changes: diff,
      definition: want,
    });
  }
  changes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const fromDefs = new Map(from.templates.map((t) => [key(t.name, t.language), normalizeTemplate(t.definition)]));
  const overrideDifferences: PromotionReport["overrideDifferences"] = [];
  for (const t of after.templates) {
    const k = key(t.name, t.language);
    const a = fromDefs.get(k);
    if (!a) continue;
    const fields = [
      ...new Set(diffValues(a, normalizeTemplate(t.definition)).map((c) => c.path.split(/[.[]/)[0] ?? c.path)),
    ];
    if (fields.length > 0) overrideDifferences.push({ key: k, fields });
  }
  overrideDifferences.sort((a, b) => (a.key < b.key ? -1 : 1));
  return {
    from: from.name,
    to: to.name,
    file: envFile,
    promoted,
    heldBack,
    changes,
    overrideDifferences,
    selectionEdits: edits,
    newEnvText,
  };
}

/** Loads environment `env` of `root` as if its overlay file had `envText` (validated; a copy of the tree is used). */
async function loadWithEnvText(root: string, env: string, envText: string): Promise<LoadedEnvironment> {
  const dir = await mkdtemp(join(tmpdir(), "waba-promote-"));
  try {
    await cp(root, dir, { recursive: true });
    await writeFile(join(dir, "envs", `${env}.yaml`), envText);
    const loaded = await loadEnvironment(dir, env);
    return { ...loaded, root };
  } catch (err) {
    if (err instanceof ConfigError)
      throw new Error(
        `the promoted overlay of ${env} would be invalid: ${err.problems.map((p) => p.message).join("; ")}`,
      );
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes B's edited overlay file; returns false when there was nothing to change. */
export async function writePromotion(root: string, r: PromotionReport): Promise<boolean> {
  if (r.promoted.length === 0) return false;
  await writeFile(join(root, r.file), r.newEnvText);
  return true;
}
