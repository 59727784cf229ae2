/**
 * Review-time validation: load (YAML + schema + overlay), then the Meta rules and the cross-file references.
 * Returns every problem, sorted by file and position.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { type LoadOptions, loadConfig, problemFrom } from "./load.ts";
import type { Declared, LoadResult, Model } from "./model.ts";
import { isPlainObject } from "./overlay.ts";
import type { Problem } from "./problem.ts";
import { checkReferences } from "./references.ts";
import {
  checkBusinessProfile,
  checkCommands,
  checkIceBreakers,
  checkInteractiveMessage,
  checkPaymentConfiguration,
  checkSecrets,
  checkTemplateSet,
  type Finding,
  type MessageTemplateDefinition,
} from "./rules/index.ts";

/** Loads a config tree and runs every check over it. */
export async function validateConfig(root: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const loaded = await loadConfig(root, opts);
  const problems = [...loaded.problems, ...checkModel(loaded.model)];
  return { model: loaded.model, problems: sortProblems(dedupe(problems)) };
}

/** Runs the Meta rules, secret detection and reference checks over a loaded model. */
export function checkModel(model: Model): Problem[] {
  const out: Problem[] = [];
  const add = (d: Declared<unknown>, findings: Finding[], prefix: ReadonlyArray<string | number> = []) => {
    for (const f of findings) out.push(problemFrom(d.locate([...prefix, ...f.path]), f.code, f.message, f.severity));
  };
  for (const doc of model.documents) add(doc, checkSecrets(doc.value));
  const valid = model.templates.filter((t) => t.valid);
  for (const f of checkTemplateSet(valid.map((t) => t.value as unknown as MessageTemplateDefinition))) {
    const t = valid[f.index ?? 0];
    if (t) add(t as Declared<unknown>, [f]);
  }
  for (const p of model.profiles) {
    if (!p.valid) continue;
    add(p as Declared<unknown>, checkBusinessProfile(p.value));
    const pic = p.value.profile_picture;
    if (typeof pic === "string" && !/^s3:\/\//.test(pic) && !existsSync(join(dirname(p.file), pic)))
      out.push(
        problemFrom(
          p.locate(["profile_picture"]),
          "profile.profile_picture.missing",
          `file "${pic}" does not exist next to ${p.file}`,
        ),
      );
  }
  for (const p of model.paymentConfigs) if (p.valid) add(p as Declared<unknown>, checkPaymentConfiguration(p.value));
  for (const f of model.flows) {
    if (!f.valid) continue;
    const d = f as Declared<unknown>;
    const v = f.value;
    if (v.menu?.interactive) add(d, checkInteractiveMessage(v.menu.interactive), ["menu", "interactive"]);
    if (v.menu?.triggers?.commands) add(d, checkCommands(v.menu.triggers.commands), ["menu", "triggers", "commands"]);
    if (v.ice_breakers) add(d, checkIceBreakers(v.ice_breakers), ["ice_breakers"]);
    for (const [id, seq] of Object.entries(v.ctwa_welcome_sequences ?? {}))
      if (isPlainObject(seq) && Array.isArray(seq["ice_breakers"]))
        add(d, checkIceBreakers(seq["ice_breakers"]), ["ctwa_welcome_sequences", id, "ice_breakers"]);
  }
  out.push(...checkReferences(model));
  return out;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.file}\u0000${p.line}\u0000${p.column}\u0000${p.code}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Sorts problems by file, line, column, then code. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** True when no problem is an error (warnings allowed). */
export function isValid(problems: readonly Problem[]): boolean {
  return !problems.some((p) => p.severity === "error");
}
