/**
 * Compile-time checks of the generated template types (checked by `tsc --noEmit`, never run). Each
 * `@ts-expect-error` line MUST fail to compile: if a regression makes it compile, tsc reports the unused directive.
 */
import { type TemplateSend, typedTemplateMessage } from "../../src/runtime/messages/typed-template.ts";

export const checks: Array<() => unknown> = [
  // Named parameters, URL button suffix.
  () =>
    typedTemplateMessage({
      name: "order_confirmation",
      language: "es_MX",
      params: { first_name: "Ana", order_id: "A-1" },
      buttons: { 0: "A-1" },
    }),
  // Positional parameters as a tuple of the declared length.
  () => typedTemplateMessage({ name: "shipping_update", language: "pt_BR", params: ["Ana", "A-1", "amanhã"] }),
  // Authentication: the code alone.
  () => typedTemplateMessage({ name: "login_otp", language: "hi", code: "123456" }),
  // Limited-time offer with image header, coupon and URL buttons.
  () =>
    typedTemplateMessage({
      name: "festival_flash_sale",
      language: "en_US",
      params: ["Priya", "FEST30"],
      headerMedia: { id: "1234" },
      buttons: { 0: "FEST30", 1: "FEST30" },
      ltoExpirationMs: 1_800_000_000_000,
    }),

  // @ts-expect-error unknown template name
  () => typedTemplateMessage({ name: "order_update", language: "es_MX", params: { order_id: "A-1" } }),
  // @ts-expect-error language not declared for this template
  () => typedTemplateMessage({ name: "payment_reminder", language: "en_US", params: ["a", "b", "c"] }),
  () =>
    typedTemplateMessage({
      name: "order_confirmation",
      language: "es_MX",
      // @ts-expect-error misspelt parameter name
      params: { first_name: "Ana", orderid: "A-1" },
      buttons: { 0: "A-1" },
    }),
  () =>
    typedTemplateMessage({
      name: "order_confirmation",
      language: "es_MX",
      // @ts-expect-error missing parameter
      params: { first_name: "Ana" },
      buttons: { 0: "A-1" },
    }),
  // @ts-expect-error positional template given too few values
  () => typedTemplateMessage({ name: "shipping_update", language: "en_US", params: ["Ana", "A-1"] }),
  // @ts-expect-error named values for a positional template
  () => typedTemplateMessage({ name: "shipping_update", language: "en_US", params: { first_name: "Ana" } }),
  () =>
    // @ts-expect-error the URL button suffix is required
    typedTemplateMessage({
      name: "order_confirmation",
      language: "en_US",
      params: { first_name: "Ana", order_id: "1" },
    }),
  () =>
    // @ts-expect-error the LTO expiry is required for a template with has_expiration
    typedTemplateMessage({
      name: "festival_flash_sale",
      language: "hi",
      params: ["a", "b"],
      headerMedia: { id: "1" },
      buttons: { 0: "A", 1: "B" },
    }),
  // @ts-expect-error an authentication template takes a code, not params
  () => typedTemplateMessage({ name: "login_otp", language: "en_US", params: ["123456"] }),
];

/** The union is usable as a value type. */
export const sample: TemplateSend = { name: "login_otp", language: "es_MX", code: "999999" };
