/**
 * India payments (whatsapp-rules.md §5): an `order` message (a catalog cart) becomes an order record priced with the
 * declared PaymentConfiguration (tax, discount, expiry) and is answered with an `order_details` message to pay;
 * payment status webhooks move the order along Meta's transitions (§5.3) and are answered with `order_status`.
 */
import { createHash } from "node:crypto";
import type { PaymentConfiguration } from "../../../../schemas/generated/payment-configuration.ts";
import { orderDetailsMessage, orderStatusMessage } from "../../messages/interactive.ts";
import { declared, type InboundDeps } from "../deps.ts";
import type { MessageEvent, PaymentEvent } from "../events.ts";
import { updateVersioned } from "../stores.ts";
import { orderKey } from "../tables.ts";
import { Replier } from "./reply.ts";

/** Order statuses (§5.3); Meta spells partially shipped both ways. */
export type OrderStatus = "pending" | "processing" | "partially_shipped" | "shipped" | "completed" | "canceled";

/** One order, stored under `order#<reference_id>`. */
export interface Order {
  referenceId: string;
  waId: string;
  /** Meta phone number id and (when known) the EUM phone ARN replies go from. */
  phone: string;
  origination: string;
  wamid: string;
  catalogId?: string;
  items: { retailerId: string; quantity: number; amount: number }[];
  /** Amounts in paise (offset 100). */
  subtotal: number;
  tax: number;
  discount: number;
  total: number;
  currency: "INR";
  configurationName: string;
  status: OrderStatus;
  paid: boolean;
  createdAt: number;
  expiresAt: number;
  payments: { status: string; transactionId?: string; transactionStatus?: string; method?: string; at: number }[];
  history: { status: OrderStatus; at: number }[];
}

const TERMINAL = new Set<OrderStatus>(["completed", "canceled"]);

/** Pure: whether an order may move from `from` to `to` (§5.3); `code` is Meta's error for a refused move. */
export function checkTransition(
  from: OrderStatus,
  to: OrderStatus,
  paid: boolean,
): { ok: true } | { ok: false; code: 2046 | 2047; why: string } {
  if (from === to) return { ok: true };
  if (TERMINAL.has(from)) return { ok: false, code: 2046, why: `${from} is final` };
  if (to === "pending") return { ok: false, code: 2046, why: "nothing goes back to pending" };
  if (to === "canceled" && paid) return { ok: false, code: 2047, why: "a paid order cannot be canceled; refund it" };
  return { ok: true };
}

/** A reference id for an order message: deterministic per wamid, `[A-Za-z0-9_.-]{1,35}`. */
export function referenceIdOf(wamid: string): string {
  return `wa-${createHash("sha256").update(wamid).digest("hex").slice(0, 24)}`;
}

const paise = (rupees: number): number => Math.round(rupees * 100);

function adjustment(sub: number, d: { percent?: number; fixed_amount?: number } | undefined): number {
  if (d === undefined) return 0;
  if (d.fixed_amount !== undefined) return Math.round(d.fixed_amount);
  return Math.round((sub * (d.percent ?? 0)) / 100);
}

/** Pure: prices a cart with the declared configuration. */
export function priceOrder(
  items: { product_retailer_id: string; quantity: number; item_price: number }[],
  cfg: PaymentConfiguration,
): { items: Order["items"]; subtotal: number; tax: number; discount: number; total: number } {
  const lines = items.map((i) => ({
    retailerId: i.product_retailer_id,
    quantity: Math.max(1, Math.round(i.quantity)),
    amount: paise(i.item_price),
  }));
  const subtotal = lines.reduce((n, l) => n + l.amount * l.quantity, 0);
  const tax = adjustment(subtotal, cfg.tax);
  const discount = Math.min(subtotal + tax, adjustment(subtotal, cfg.discount));
  return { items: lines, subtotal, tax, discount, total: subtotal + tax - discount };
}

function orderDetailsFor(o: Order, cfg: PaymentConfiguration, nowSeconds: number) {
  const upi = cfg.payment_type === "upi" || cfg.provider_name === "upi_vpa";
  return orderDetailsMessage({
    body: `Your order of ${o.items.reduce((n, i) => n + i.quantity, 0)} item(s): ₹${(o.total / 100).toFixed(2)}. Tap to review and pay.`,
    nowSeconds,
    parameters: {
      reference_id: o.referenceId,
      type: "digital-goods",
      currency: "INR",
      total_amount: { value: o.total, offset: 100 },
      ...(upi
        ? { payment_type: "upi", payment_configuration: cfg.configuration_name }
        : {
            payment_settings: [
              {
                type: "payment_gateway",
                payment_gateway: { type: cfg.provider_name, configuration_name: cfg.configuration_name },
              },
            ],
          }),
      ...(cfg.enabled_payment_options === undefined ? {} : { enabled_payment_options: cfg.enabled_payment_options }),
      order: {
        status: "pending",
        ...(o.catalogId === undefined ? {} : { catalog_id: o.catalogId }),
        items: o.items.map((i) => ({
          retailer_id: i.retailerId,
          name: `Item ${i.retailerId}`.slice(0, 60),
          amount: { value: i.amount, offset: 100 },
          quantity: i.quantity,
        })),
        subtotal: { value: o.subtotal, offset: 100 },
        tax: {
          value: o.tax,
          offset: 100,
          ...(cfg.tax?.description === undefined ? {} : { description: cfg.tax.description }),
        },
        ...(o.discount > 0
          ? {
              discount: {
                value: o.discount,
                offset: 100,
                ...(cfg.discount?.description === undefined ? {} : { description: cfg.discount.description }),
                ...(cfg.discount?.discount_program_name === undefined
                  ? {}
                  : { discount_program_name: cfg.discount.discount_program_name }),
              },
            }
          : {}),
        expiration: { timestamp: String(Math.floor(o.expiresAt / 1000)), description: "Order expires if unpaid" },
      },
    },
  });
}

/** An `order` message: create the order (once per wamid) and send `order_details`. */
export async function onOrderMessage(deps: InboundDeps, ev: MessageEvent, reply: Replier): Promise<void> {
  const cfg = await declared<PaymentConfiguration>(deps, "PaymentConfiguration", deps.documents?.payment);
  if (cfg === undefined) {
    deps.metrics.count("OrdersWithoutPaymentConfig");
    deps.logger.warn("order message but no PaymentConfiguration is declared", { wamid: ev.message.id });
    return;
  }
  const cart = ev.message["order"] as {
    catalog_id?: string;
    product_items: { product_retailer_id: string; quantity: number; item_price: number }[];
  };
  const now = deps.now();
  const referenceId = referenceIdOf(ev.message.id);
  const priced = priceOrder(cart.product_items, cfg);
  const order = await updateVersioned<Order, Order>(deps.orders, orderKey(referenceId), now, (cur) => {
    if (cur !== undefined) return { result: cur };
    const o: Order = {
      referenceId,
      waId: ev.message.from,
      phone: ev.phone.metaPhoneNumberId,
      origination: ev.phone.arn ?? ev.phone.metaPhoneNumberId,
      wamid: ev.message.id,
      ...(cart.catalog_id === undefined ? {} : { catalogId: cart.catalog_id }),
      ...priced,
      currency: "INR",
      configurationName: cfg.configuration_name,
      status: "pending",
      paid: false,
      createdAt: now,
      expiresAt: now + Math.max(5, cfg.order_expiry_minutes ?? 30) * 60_000,
      payments: [],
      history: [{ status: "pending", at: now }],
    };
    return { value: o, result: o };
  });
  deps.metrics.count("OrdersCreated");
  if (order.total <= 0) return;
  await reply.send("order_details", () => orderDetailsFor(order, cfg, Math.floor(now / 1000)));
}

/** A payment status: record it on the order; a capture moves a pending order to processing and tells the user. */
export async function onPaymentStatus(deps: InboundDeps, ev: PaymentEvent): Promise<void> {
  const p = ev.payment;
  const now = deps.now();
  const tx = p.payment.transaction;
  const captured = p.status === "captured" || tx?.status === "success";
  const outcome = await updateVersioned<Order, { order?: Order; moved?: { from: OrderStatus } }>(
    deps.orders,
    orderKey(p.payment.reference_id),
    now,
    (cur) => {
      if (cur === undefined) return { result: {} };
      const next = structuredClone(cur);
      next.payments.push({
        status: p.status,
        ...(tx?.id === undefined ? {} : { transactionId: tx.id }),
        ...(tx?.status === undefined ? {} : { transactionStatus: tx.status }),
        ...(tx?.method?.type === undefined ? {} : { method: tx.method.type }),
        at: now,
      });
      let moved: { from: OrderStatus } | undefined;
      if (captured && !cur.paid) {
        next.paid = true;
        if (cur.status === "pending") {
          next.status = "processing";
          next.history.push({ status: "processing", at: now });
          moved = { from: cur.status };
        }
      }
      return { value: next, result: { order: next, ...(moved === undefined ? {} : { moved }) } };
    },
  );
  if (outcome.order === undefined) {
    deps.metrics.count("PaymentsForUnknownOrders");
    await deps.records.put(
      `payment#${p.payment.reference_id}#${p.id}`,
      { referenceId: p.payment.reference_id, status: p.status, raw: JSON.stringify(p).slice(0, 100_000) },
      now,
    );
    return;
  }
  deps.metrics.count("PaymentStatuses", { status: p.status });
  if (outcome.moved === undefined) return;
  const o = outcome.order;
  const from = outcome.moved.from;
  const reply = new Replier(
    deps,
    ev.key,
    { metaPhoneNumberId: o.phone, ...(o.origination.startsWith("arn:") ? { arn: o.origination } : {}) },
    o.waId,
  );
  await reply.send("order_status", () =>
    orderStatusMessage({
      body: `Payment received for order ${o.referenceId}. We are preparing it now.`,
      referenceId: o.referenceId,
      status: "processing",
      description: "Payment received",
      previousStatus: from,
      paid: true,
    }),
  );
}
