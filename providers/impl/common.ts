/** Small helpers shared by the non-template provider implementations. */
import {
  GetLinkedWhatsAppBusinessAccountCommand,
  GetLinkedWhatsAppBusinessAccountPhoneNumberCommand,
  type SocialMessagingClient,
} from "@aws-sdk/client-socialmessaging";
import { callEum } from "../../src/eum/client.ts";

/** Field-by-field equality on JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** The ARN of a WABA or phone number given its id or ARN. */
export async function resolveArn(eum: SocialMessagingClient, resourceId: string): Promise<string> {
  if (resourceId.startsWith("arn:")) return resourceId;
  if (resourceId.startsWith("phone-number-id-")) {
    const out = await callEum("GetLinkedWhatsAppBusinessAccountPhoneNumber", resourceId, () =>
      eum.send(new GetLinkedWhatsAppBusinessAccountPhoneNumberCommand({ id: resourceId })),
    );
    if (!out.phoneNumber?.arn) throw new Error(`phone number ${resourceId} has no ARN in EUM's answer`);
    return out.phoneNumber.arn;
  }
  const out = await callEum("GetLinkedWhatsAppBusinessAccount", resourceId, () =>
    eum.send(new GetLinkedWhatsAppBusinessAccountCommand({ id: resourceId })),
  );
  if (!out.account?.arn) throw new Error(`WABA ${resourceId} has no ARN in EUM's answer`);
  return out.account.arn;
}
