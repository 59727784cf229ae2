/**
 * EventDestination implementation: a WABA's single event destination (SNS topic ARN + optional role ARN, or
 * none), set with one PUT. The resource owns the WABA's destination: delete resets it to none unless retained.
 */
import {
  GetLinkedWhatsAppBusinessAccountCommand,
  PutWhatsAppBusinessAccountEventDestinationsCommand,
} from "@aws-sdk/client-socialmessaging";
import { callEum } from "../../src/eum/client.ts";
import { isNotFound } from "../../src/eum/errors.ts";
import { sameJson } from "./common.ts";
import { eumClient, hasUnknown, jsonClean, warn } from "./settings.ts";

export { configure } from "./settings.ts";

/** Inputs: the WABA and its destination; no `destinationArn` means "no destination". */
export interface EventDestinationInputs {
  wabaId: string;
  destinationArn?: string;
  roleArn?: string;
  retain?: boolean;
}

/** Outputs: the inputs as live. */
export type EventDestinationOutputs = EventDestinationInputs;

const ARN = /^arn:.*:[a-z-]+([/:](.*))?$/;
const ROLE = /^arn:aws:iam::\d{12}:role\/[a-zA-Z0-9+=,.@\-_]+$/;

/** Validates ARNs (unknowns pass). */
export async function check(_olds: unknown, news: EventDestinationInputs) {
  const failures: { property: string; reason: string }[] = [];
  if (news.destinationArn && !hasUnknown(news.destinationArn) && !ARN.test(news.destinationArn))
    failures.push({ property: "destinationArn", reason: `"${news.destinationArn}" is not an ARN` });
  if (news.roleArn && !hasUnknown(news.roleArn) && !ROLE.test(news.roleArn))
    failures.push({ property: "roleArn", reason: `"${news.roleArn}" is not an IAM role ARN` });
  return { inputs: jsonClean(news), failures };
}

const shape = (o: EventDestinationInputs) => ({
  wabaId: o.wabaId,
  destinationArn: o.destinationArn ?? "",
  roleArn: o.roleArn ?? "",
});

/** Pure: changes when the destination differs; another WABA means another resource. */
export async function diff(_id: string, olds: EventDestinationOutputs, news: EventDestinationInputs) {
  if (hasUnknown(news))
    return { changes: true, replaces: hasUnknown(news.wabaId) ? ["wabaId"] : [], deleteBeforeReplace: true };
  const replaces = olds.wabaId !== news.wabaId ? ["wabaId"] : [];
  const changes = !sameJson(shape(olds), shape(news)) || (olds.retain ?? false) !== (news.retain ?? false);
  return { changes, replaces, deleteBeforeReplace: true };
}

async function put(o: EventDestinationInputs): Promise<void> {
  const eum = eumClient();
  await callEum("PutWhatsAppBusinessAccountEventDestinations", o.wabaId, () =>
    eum.send(
      new PutWhatsAppBusinessAccountEventDestinationsCommand({
        id: o.wabaId,
        eventDestinations: o.destinationArn
          ? [{ eventDestinationArn: o.destinationArn, ...(o.roleArn ? { roleArn: o.roleArn } : {}) }]
          : [],
      }),
    ),
  );
}

/** Sets the destination. */
export async function create(inputs: EventDestinationInputs) {
  await put(inputs);
  return { id: inputs.wabaId, outs: jsonClean(inputs) };
}

/** Replaces the destination. */
export async function update(_id: string, _olds: EventDestinationOutputs, news: EventDestinationInputs) {
  await put(news);
  return { outs: jsonClean(news) };
}

/** The WABA's live destination; empty id when the WABA is gone. */
export async function read(id: string, props: EventDestinationOutputs) {
  const eum = eumClient();
  try {
    const out = await callEum("GetLinkedWhatsAppBusinessAccount", props.wabaId, () =>
      eum.send(new GetLinkedWhatsAppBusinessAccountCommand({ id: props.wabaId })),
    );
    const d = out.account?.eventDestinations?.[0];
    const live: EventDestinationOutputs = { wabaId: props.wabaId };
    if (d?.eventDestinationArn) live.destinationArn = d.eventDestinationArn;
    if (d?.roleArn) live.roleArn = d.roleArn;
    if (props.retain !== undefined) live.retain = props.retain;
    if (!sameJson(shape(live), shape(props)))
      warn(
        `the event destination of ${props.wabaId} was changed outside this stack (now ${live.destinationArn ?? "none"})`,
      );
    return { id, props: jsonClean(live), inputs: jsonClean(live) };
  } catch (err) {
    if (isNotFound(err)) return { id: "" };
    throw err;
  }
}

/** Resets the WABA to no destination (unless retained); a vanished WABA is done. */
export async function del(_id: string, props: EventDestinationOutputs): Promise<void> {
  if (props.retain === true) return;
  try {
    await put({ wabaId: props.wabaId });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export { del as delete };
