/** Shared setup for emulator integration tests: a real SocialMessagingClient pointed at a running emulator. */
import { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";

export const WABA = "waba-0123456789abcdef0123456789abcdef";
export const WABA_ARN = "arn:aws:social-messaging:us-east-1:111122223333:waba/0123456789abcdef0123456789abcdef";
export const PHONE = "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
export const PHONE_ARN =
  "arn:aws:social-messaging:us-east-1:111122223333:phone-number-id/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
export const PHONE_MX = "phone-number-id-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

export function eumClient(endpoint: string, maxAttempts = 1): SocialMessagingClient {
  return new SocialMessagingClient({
    endpoint,
    region: "us-east-1",
    maxAttempts,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
}

/** Runs `fn` and returns the error it throws (fails when it does not throw). */
export async function failure(
  fn: () => Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to fail");
}

export const enc = (v: unknown): Uint8Array => new TextEncoder().encode(typeof v === "string" ? v : JSON.stringify(v));

/** A valid UTILITY template definition. */
export function utilityTemplate(name: string, language = "en_US"): Record<string, unknown> {
  return {
    name,
    language,
    category: "UTILITY",
    components: [
      { type: "HEADER", format: "TEXT", text: "Order {{1}}", example: { header_text: ["#123"] } },
      {
        type: "BODY",
        text: "Hi {{1}}, your order {{2}} has shipped and will arrive soon.",
        example: { body_text: [["Ana", "#123"]] },
      },
      { type: "FOOTER", text: "Acme Retail" },
      { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Thanks" }] },
    ],
  };
}
