/**
 * Declared settings that no API reachable through EUM can apply: they are validated, then listed for a person to
 * do in WhatsApp Manager (`waba plan` and the docs show this list).
 */
import type { Model } from "./model.ts";
import type { Position } from "./yaml-source.ts";

/** One thing a person must do by hand, and where it is declared. */
export interface ManualStep {
  kind: "profile" | "flow";
  key: string;
  what: string;
  at: Position;
}

/** Lists the manual steps the model declares: profile pictures and ice breakers. */
export function listManualSteps(model: Model): ManualStep[] {
  const steps: ManualStep[] = [];
  for (const p of model.profiles) {
    const pic = p.value.profile_picture;
    if (typeof pic === "string")
      steps.push({
        kind: "profile",
        key: p.key,
        what: `upload the profile picture ${pic} in WhatsApp Manager (Meta needs an upload handle, not a file)`,
        at: p.locate(["profile_picture"]),
      });
  }
  for (const f of model.flows) {
    const ib = f.value.ice_breakers;
    if (Array.isArray(ib) && ib.length > 0)
      steps.push({
        kind: "flow",
        key: f.key,
        what: `set ${ib.length} ice breaker(s) in WhatsApp Manager: ${ib.map((t) => JSON.stringify(t)).join(", ")}`,
        at: f.locate(["ice_breakers"]),
      });
  }
  return steps;
}
