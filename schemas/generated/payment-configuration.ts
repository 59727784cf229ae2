/**
 * DO NOT EDIT: generated from schemas/payment-configuration.schema.json by scripts/gen-types.ts.
 * Run `npm run gen` to regenerate.
 */

/**
 * An India payment configuration on the WABA (`POST /<WABA_ID>/payment_configuration`) plus the defaults the runtime uses when it builds `order_details` messages.
 */
export interface PaymentConfiguration {
  /**
   * Name Meta knows the configuration by: ≤ 60 characters, referenced by `order_details` messages.
   */
  configuration_name: string;
  /**
   * Payment provider: `upi_vpa` (UPI intent) or a gateway (`razorpay`, `payu`, `zaakpay`, `billdesk`).
   */
  provider_name: "upi_vpa" | "razorpay" | "payu" | "zaakpay" | "billdesk";
  /**
   * UPI purpose code, e.g. `00`.
   */
  purpose_code: string;
  /**
   * 4-digit merchant category code (MCC), e.g. `5411`.
   */
  merchant_category_code: string;
  /**
   * UPI VPA such as `shop@okhdfcbank`; required for `upi_vpa`.
   */
  merchant_vpa?: string;
  /**
   * https URL the gateway redirects to after payment (optional).
   */
  redirect_url?: string;
  /**
   * Currency of orders: WhatsApp payments support `INR` only.
   */
  currency?: "INR";
  /**
   * `payment_gateway` (payment_settings with a gateway) or `upi` (UPI intent with `payment_configuration`).
   */
  payment_type?: "payment_gateway" | "upi";
  /**
   * Minutes until an order expires: ≥ 5 (Meta requires ≥ 300 s).
   */
  order_expiry_minutes?: number;
  tax?: TaxDefault;
  discount?: DiscountDefault;
  /**
   * `["upi"]` or `["web"]` (web is required above the ₹5,00,000 UPI cap).
   *
   * Items: A payment option.
   */
  enabled_payment_options?: ("upi" | "web")[];
  /**
   * Free-form note for reviewers; ignored by waba.
   */
  comment?: string;
}
/**
 * Default tax line added to orders.
 *
 * This interface was referenced by `PaymentConfiguration`'s JSON-Schema
 * via the `definition` "TaxDefault".
 */
export interface TaxDefault {
  /**
   * Label shown on the order: ≤ 60 characters.
   */
  description: string;
  /**
   * Percentage of the subtotal (give either `percent` or `fixed_amount`).
   */
  percent?: number;
  /**
   * Fixed amount in paise (rupees × 100) (give either `percent` or `fixed_amount`).
   */
  fixed_amount?: number;
}
/**
 * Default discount applied to orders (optional).
 *
 * This interface was referenced by `PaymentConfiguration`'s JSON-Schema
 * via the `definition` "DiscountDefault".
 */
export interface DiscountDefault {
  /**
   * Label shown on the order: ≤ 60 characters.
   */
  description: string;
  /**
   * Percentage of the subtotal (give either `percent` or `fixed_amount`).
   */
  percent?: number;
  /**
   * Fixed amount in paise (give either `percent` or `fixed_amount`).
   */
  fixed_amount?: number;
  /**
   * Program name shown with the discount: ≤ 60 characters.
   */
  discount_program_name?: string;
}
