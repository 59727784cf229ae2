/**
 * DisplayName implementation: verifies a phone number's display name through EUM phone details. EUM cannot
 * change a display name (Meta review in WhatsApp Manager), so a mismatch is a warning and an output, never an edit.
 */
import { GetLinkedWhatsAppBusinessAccountPhoneNumberCommand } from "@aws-sdk/client-socialmessaging";
import { callEum } from "../../src/eum/client.ts";
import { isNotFound } from "../../src/eum/errors.ts";
import { eumClient, hasUnknown, jsonClean, warn } from "./settings.ts";

export { configure } from "./settings.ts";

/** Inputs: the phone number and the display name the config expects. */
export interface DisplayNameInputs {
  phoneNumberId: string;
  expected: string;
}

/** Outputs: the inputs plus what Meta shows. */
export interface DisplayNameOutputs extends DisplayNameInputs {
  actual: string;
  matches: boolean;
  displayPhoneNumber: string;
  qualityRating: string;
  /** The manual step when the names differ, else "". */
  manualStep: string;
}

/** Nothing to validate beyond presence. */
export async function check(_olds: unknown, news: DisplayNameInputs) {
  const failures =
    typeof news.expected === "string" && news.expected.trim() !== ""
      ? []
      : [{ property: "expected", reason: "a display name is required" }];
  return { inputs: jsonClean({ phoneNumberId: news.phoneNumberId, expected: news.expected }), failures };
}

/** Pure: only a change of the declared expectation is a change. */
export async function diff(_id: string, olds: DisplayNameOutputs, news: DisplayNameInputs) {
  if (hasUnknown(news)) return { changes: true, replaces: [], deleteBeforeReplace: false };
  const replaces = olds.phoneNumberId !== news.phoneNumberId ? ["phoneNumberId"] : [];
  return { changes: replaces.length > 0 || olds.expected !== news.expected, replaces, deleteBeforeReplace: false };
}

async function verify(inputs: DisplayNameInputs): Promise<DisplayNameOutputs | undefined> {
  const eum = eumClient();
  try {
    const out = await callEum("GetLinkedWhatsAppBusinessAccountPhoneNumber", inputs.phoneNumberId, () =>
      eum.send(new GetLinkedWhatsAppBusinessAccountPhoneNumberCommand({ id: inputs.phoneNumberId })),
    );
    const actual = out.phoneNumber?.displayPhoneNumberName ?? "";
    const matches = actual === inputs.expected;
    const manualStep = matches
      ? ""
      : `request the display name "${inputs.expected}" for ${out.phoneNumber?.displayPhoneNumber ?? inputs.phoneNumberId} in WhatsApp Manager (Meta reviews it; EUM cannot change it)`;
    if (!matches)
      warn(
        `display name of ${inputs.phoneNumberId} is "${actual}", the config expects "${inputs.expected}": ${manualStep}`,
      );
    return jsonClean({
      ...inputs,
      actual,
      matches,
      displayPhoneNumber: out.phoneNumber?.displayPhoneNumber ?? "",
      qualityRating: out.phoneNumber?.qualityRating ?? "",
      manualStep,
    });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Verifies; fails when the phone number is not linked. */
export async function create(inputs: DisplayNameInputs) {
  const outs = await verify(inputs);
  if (!outs) throw new Error(`phone number ${inputs.phoneNumberId} is not linked to EUM in this account and region`);
  return { id: inputs.phoneNumberId, outs };
}

/** Re-verifies against the new expectation. */
export async function update(id: string, _olds: DisplayNameOutputs, news: DisplayNameInputs) {
  return { outs: (await create({ ...news, phoneNumberId: news.phoneNumberId || id })).outs };
}

/** Live display name; the inputs stay the declared expectation (a verification, not a setting). */
export async function read(id: string, props: DisplayNameOutputs) {
  const outs = await verify({ phoneNumberId: props.phoneNumberId, expected: props.expected });
  if (!outs) return { id: "" };
  return { id, props: outs, inputs: { phoneNumberId: props.phoneNumberId, expected: props.expected } };
}

/** Nothing to undo. */
export async function del(): Promise<void> {}

export { del as delete };
