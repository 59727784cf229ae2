/**
 * The environment overlay: which declarations an environment selects, and how its overrides patch them.
 * Merge rule: objects deep-merge, arrays and scalars replace, `null` deletes the key.
 */
import type { PathSegments } from "./problem.ts";

type Plain = Record<string, unknown>;

/** True for a mapping (not a list, not null). */
export function isPlainObject(v: unknown): v is Plain {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Applies a merge patch: objects deep-merge, arrays and scalars replace, `null` deletes. Inputs are not mutated. */
export function mergePatch(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Plain = isPlainObject(base) ? { ...base } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Whether a patch sets (or replaces an ancestor of) `path`, i.e. the value at `path` comes from the patch. */
export function patchCovers(patch: unknown, path: PathSegments): boolean {
  let cur = patch;
  if (path.length === 0) return false;
  for (const seg of path) {
    if (!isPlainObject(cur)) return true;
    if (!(String(seg) in cur)) return false;
    cur = cur[String(seg)];
  }
  return true;
}

/** Compiles a glob with `*` (any run of characters) and `?` (one character) into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

/** Whether `name` is selected by include (absent: everything) and not excluded. */
export function isSelected(name: string, select: { include?: string[]; exclude?: string[] } | undefined): boolean {
  if (!select) return true;
  const inc = select.include;
  if (inc && !inc.some((g) => globToRegExp(g).test(name))) return false;
  return !(select.exclude ?? []).some((g) => globToRegExp(g).test(name));
}
