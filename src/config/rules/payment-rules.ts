/** India payments: payment configurations, `order_details` and `order_status` payloads (whatsapp-rules.md §5). */
import type { PathSegments } from "../problem.ts";
import type { Report, Rule } from "./engine.ts";
import { arr, cpLength, isInt, isNonBlank, isRec, q, type Rec, rec, tooLong } from "./util.ts";

const PROVIDERS = new Set(["upi_vpa", "razorpay", "payu", "zaakpay", "billdesk"]);
const VPA = /^[A-Za-z0-9._-]{2,256}@[A-Za-z][A-Za-z0-9.-]{1,63}$/;

function present(x: unknown): boolean {
  if (isRec(x)) return isNonBlank(x["code"]) || typeof x["code"] === "number";
  return isNonBlank(x) || typeof x === "number";
}

/** Payment configuration fields (§5.2, with the order defaults of §5.1). */
export const paymentConfigRules: Rule<Rec>[] = [
  {
    code: "payment.configuration_name.length",
    severity: "error",
    source: "§5.1 `configuration_name` ≤ 60 · M-PG, M-ONB",
    description: "`configuration_name` is present and at most 60 characters.",
    check(p, report) {
      const n = p["configuration_name"];
      if (!isNonBlank(n)) report(["configuration_name"], "configuration_name is required (≤ 60 chars)");
      else {
        const m = tooLong("configuration_name", n, 60);
        if (m) report(["configuration_name"], m);
      }
    },
  },
  {
    code: "payment.provider_name.enum",
    severity: "error",
    source: "§5.2 `provider_name` · M-ONB, M-PG",
    description: "`provider_name` is upi_vpa, razorpay, payu, zaakpay or billdesk.",
    check(p, report) {
      const v = p["provider_name"];
      if (typeof v !== "string" || !PROVIDERS.has(v))
        report(["provider_name"], `provider_name ${q(v)} must be one of upi_vpa, razorpay, payu, zaakpay, billdesk`);
    },
  },
  {
    code: "payment.provider_name.billdesk",
    severity: "warning",
    source: "§5.2 `provider_name`: billdesk not accepted by the create API · M-ONB, M-WH-PCU",
    description: "BillDesk configurations cannot be created through the API; create them in WhatsApp Manager.",
    check(p, report) {
      if (p["provider_name"] === "billdesk")
        report(
          ["provider_name"],
          "the create API does not accept billdesk; create this configuration in WhatsApp Manager and declare it here",
        );
    },
  },
  {
    code: "payment.purpose_code.required",
    severity: "error",
    source: "§5.2 Create `{…, purpose_code, …}` · M-ONB",
    description: "`purpose_code` is given.",
    check(p, report) {
      if (!present(p["purpose_code"])) report(["purpose_code"], 'purpose_code is required (e.g. "00")');
    },
  },
  {
    code: "payment.merchant_category_code.required",
    severity: "error",
    source: "§5.2 Create `{…, merchant_category_code, …}` · M-ONB",
    description: "`merchant_category_code` is given.",
    check(p, report) {
      if (!present(p["merchant_category_code"]))
        report(["merchant_category_code"], 'merchant_category_code is required (4-digit MCC, e.g. "5411")');
    },
  },
  {
    code: "payment.merchant_vpa.format",
    severity: "error",
    source: "§5.2 `merchant_vpa` (UPI) · M-ONB, M-UPI",
    description: "UPI configurations give `merchant_vpa` as `name@bank`.",
    check(p, report) {
      const v = p["merchant_vpa"];
      const upi = p["provider_name"] === "upi_vpa" || p["payment_type"] === "upi";
      if (v === undefined && upi)
        report(["merchant_vpa"], 'UPI configurations need merchant_vpa, e.g. "shop@okhdfcbank"');
      else if (v !== undefined && (typeof v !== "string" || !VPA.test(v)))
        report(["merchant_vpa"], `merchant_vpa ${q(v)} must look like "name@bank"`);
    },
  },
  {
    code: "payment.redirect_url.format",
    severity: "error",
    source: "§5.2 `redirect_url?` · M-ONB",
    description: "`redirect_url`, if given, is an https URL.",
    check(p, report) {
      const v = p["redirect_url"];
      if (v !== undefined && (typeof v !== "string" || !/^https:\/\/\S+$/.test(v)))
        report(["redirect_url"], `redirect_url ${q(v)} must be an https:// URL`);
    },
  },
  {
    code: "payment.currency.inr",
    severity: "error",
    source: "§5.1 `currency` INR only · M-PG",
    description: "`currency`, if given, is INR.",
    check(p, report) {
      const c = p["currency"];
      if (c !== undefined && c !== "INR")
        report(["currency"], `currency ${q(c)} is not supported; WhatsApp payments use INR only`);
    },
  },
  {
    code: "payment.payment_type.enum",
    severity: "error",
    source: "§5.1 payment settings / UPI-intent variant · M-PG, M-UPI",
    description: "`payment_type`, if given, is payment_gateway or upi.",
    check(p, report) {
      const t = p["payment_type"];
      if (t !== undefined && t !== "payment_gateway" && t !== "upi")
        report(["payment_type"], `payment_type ${q(t)} must be payment_gateway or upi`);
    },
  },
  {
    code: "payment.payment_type.provider",
    severity: "error",
    source: "§5.1 UPI-intent variant vs gateways · M-PG, M-UPI",
    description:
      "`payment_type: upi` goes with provider upi_vpa; `payment_gateway` with razorpay, payu, zaakpay or billdesk.",
    check(p, report) {
      const t = p["payment_type"];
      const prov = p["provider_name"];
      if (typeof prov !== "string" || !PROVIDERS.has(prov)) return;
      if ((t === "upi" && prov !== "upi_vpa") || (t === "payment_gateway" && prov === "upi_vpa"))
        report(
          ["payment_type"],
          `payment_type ${q(t)} does not match provider_name ${q(prov)}; use upi with upi_vpa, payment_gateway with a gateway`,
        );
    },
  },
  {
    code: "payment.order_expiry_minutes.min",
    severity: "error",
    source: "§5.1 `order.expiration` ≥ 300 s ahead · M-PG",
    description: "`order_expiry_minutes`, if given, is a whole number ≥ 5 (Meta: expiration ≥ 300 s).",
    check(p, report) {
      const v = p["order_expiry_minutes"];
      if (v !== undefined && (!isInt(v) || v < 5))
        report(
          ["order_expiry_minutes"],
          `order_expiry_minutes ${q(v)} must be a whole number ≥ 5 (Meta requires ≥ 300 s)`,
        );
    },
  },
  {
    code: "payment.enabled_payment_options.enum",
    severity: "error",
    source: "§5.1 `enabled_payment_options` · M-PG",
    description: '`enabled_payment_options`, if given, is ["upi"] or ["web"].',
    check(p, report) {
      const v = p["enabled_payment_options"];
      if (v === undefined) return;
      const ok = Array.isArray(v) && v.length === 1 && (v[0] === "upi" || v[0] === "web");
      if (!ok) report(["enabled_payment_options"], `enabled_payment_options ${q(v)} must be ["upi"] or ["web"]`);
    },
  },
];

/** An `order_details`/`order_status` payload plus what the caller knows at send time. */
export interface OrderSubject {
  /** The interactive object, or `{}` when only the parameters were passed. */
  message: Rec;
  /** `action.parameters`. */
  params: Rec;
  /** Path of `params` relative to the object passed. */
  base: PathSegments;
  /** Current time, Unix seconds: enables the "expiration ≥ 300 s ahead" check. */
  nowSeconds: number | undefined;
  /** Current order status (for `order_status` transitions). */
  previousStatus: string | undefined;
  /** Whether the order is paid (cancel is refused once paid). */
  paid: boolean | undefined;
}

/** Options for the order checks (runtime use). */
export interface OrderCheckOptions {
  nowSeconds?: number;
  previousStatus?: string;
  paid?: boolean;
}

/** Builds an order subject from an interactive object or bare `parameters`. */
export function toOrderSubject(obj: unknown, options: OrderCheckOptions = {}): OrderSubject {
  const message = rec(obj);
  const isMessage =
    isRec(message["action"]) || message["type"] === "order_details" || message["type"] === "order_status";
  return {
    message: isMessage ? message : {},
    params: isMessage ? rec(rec(message["action"])["parameters"]) : message,
    base: isMessage ? ["action", "parameters"] : [],
    nowSeconds: options.nowSeconds,
    previousStatus: options.previousStatus,
    paid: options.paid,
  };
}

type O = Rule<OrderSubject>;
const REFERENCE = /^[A-Za-z0-9_.-]{1,35}$/;

function amountValue(x: unknown): number | undefined {
  const v = rec(x)["value"];
  return isInt(v) ? v : undefined;
}

function messageParts(code: string, action: string, source: string): O[] {
  return [
    {
      code: `${code}.action.name`,
      severity: "error",
      source,
      description: `\`action.name\` is \`${action}\`.`,
      check(s, report) {
        if (s.base.length > 0 && rec(s.message["action"])["name"] !== action)
          report(["action", "name"], `action.name must be "${action}"`);
      },
    },
    {
      code: `${code}.body.length`,
      severity: "error",
      source,
      description: "`body.text` is present and at most 1024 characters.",
      check(s, report) {
        if (s.base.length === 0) return;
        const text = rec(s.message["body"])["text"];
        if (!isNonBlank(text)) report(["body", "text"], "body.text is required (≤ 1024 chars)");
        const m = tooLong("body text", text, 1024);
        if (m) report(["body", "text"], m);
      },
    },
    {
      code: `${code}.footer.length`,
      severity: "error",
      source,
      description: "`footer.text` is at most 60 characters.",
      check(s, report) {
        const m = tooLong("footer text", rec(s.message["footer"])["text"], 60);
        if (m) report(["footer", "text"], m);
      },
    },
  ];
}

const referenceRule: O = {
  code: "order.reference_id.format",
  severity: "error",
  source: "§5.1 `reference_id` 1–35 `[A-Za-z0-9_.-]` · M-PG",
  description: "`reference_id` is 1–35 characters of letters, digits, `_`, `.`, `-`.",
  check(s, report) {
    const r = s.params["reference_id"];
    if (typeof r !== "string" || !REFERENCE.test(r))
      report([...s.base, "reference_id"], `reference_id ${q(r)} must be 1–35 characters of A–Z, a–z, 0–9, _ . -`);
  },
};

function order(s: OrderSubject): Rec {
  return rec(s.params["order"]);
}

function orderPath(s: OrderSubject, ...rest: (string | number)[]): PathSegments {
  return [...s.base, "order", ...rest];
}

function eachAmount(s: OrderSubject, fn: (path: PathSegments, amount: unknown) => void): void {
  if (s.params["total_amount"] !== undefined) fn([...s.base, "total_amount"], s.params["total_amount"]);
  const o = order(s);
  for (const k of ["subtotal", "tax", "shipping", "discount"]) if (o[k] !== undefined) fn(orderPath(s, k), o[k]);
  arr(o["items"]).forEach((it, i) => {
    for (const k of ["amount", "sale_amount"])
      if (rec(it)[k] !== undefined) fn(orderPath(s, "items", i, k), rec(it)[k]);
  });
}

const GATEWAYS = new Set(["billdesk", "razorpay", "payu", "zaakpay"]);
const UPI_APPS = new Set(["gpay", "phonepe", "paytm", "bhim", "amazonpay", "cred", "mobikwik"]);
const UPI_CAP_PAISE = 500_000 * 100;
const EXTRA_LIMITS: Record<string, Array<[string, number]>> = {
  payu: [
    ["udf1", 255],
    ["udf2", 255],
    ["udf3", 255],
    ["udf4", 255],
  ],
  zaakpay: [
    ["extra1", 180],
    ["extra2", 180],
  ],
  billdesk: [1, 2, 3, 4, 5, 6, 7].map((n) => [`additional_info${n}`, 120] as [string, number]),
};

function checkExtras(gateway: string, g: Rec, path: PathSegments, report: Report): void {
  if (gateway === "razorpay") {
    const notes = g["notes"];
    if (isRec(notes)) {
      const keys = Object.keys(notes);
      if (keys.length > 15) report([...path, "notes"], `${keys.length} notes; Razorpay allows 15`);
      for (const k of keys) {
        const m = tooLong(`note ${k}`, notes[k], 256);
        if (m) report([...path, "notes", k], m);
      }
    }
    const receipt = g["receipt"];
    if (receipt !== undefined && (typeof receipt !== "string" || cpLength(receipt) < 1 || cpLength(receipt) > 40))
      report([...path, "receipt"], `receipt ${q(receipt)} must be 1–40 characters`);
    return;
  }
  for (const [k, max] of EXTRA_LIMITS[gateway] ?? []) {
    const m = tooLong(k, g[k], max);
    if (m) report([...path, k], m);
  }
}

/** `order_details` (§5.1). */
export const orderDetailsRules: O[] = [
  ...messageParts("order", "review_and_pay", "§5.1 `order_details` body/footer/action · M-PG"),
  referenceRule,
  {
    code: "order.type.enum",
    severity: "error",
    source: "§5.1 `type` goods type · M-PG",
    description: "`type` is digital-goods or physical-goods.",
    check(s, report) {
      const t = s.params["type"];
      if (t !== "digital-goods" && t !== "physical-goods")
        report([...s.base, "type"], `type ${q(t)} must be "digital-goods" or "physical-goods"`);
    },
  },
  {
    code: "order.currency.inr",
    severity: "error",
    source: "§5.1 `currency` INR only · M-PG",
    description: "`currency` is INR.",
    check(s, report) {
      if (s.params["currency"] !== "INR")
        report([...s.base, "currency"], `currency ${q(s.params["currency"])} must be "INR"`);
    },
  },
  {
    code: "order.amount.format",
    severity: "error",
    source: "§5.1 `total_amount` `{value:int>0, offset:100}` · M-PG",
    description: "Every amount is `{value: integer ≥ 0, offset: 100}` (paise); the total is > 0.",
    check(s, report) {
      if (s.params["total_amount"] === undefined)
        report([...s.base, "total_amount"], "total_amount is required: {value, offset: 100}");
      eachAmount(s, (path, a) => {
        const v = rec(a)["value"];
        const off = rec(a)["offset"];
        if (!isInt(v) || v < 0 || (off !== 100 && off !== "100"))
          report(path, `amount ${q(a)} must be {value: <whole paise>, offset: 100}`);
      });
      const total = amountValue(s.params["total_amount"]);
      if (total !== undefined && total <= 0)
        report([...s.base, "total_amount", "value"], "total_amount.value must be > 0");
    },
  },
  {
    code: "order.total.sum",
    severity: "error",
    source: "§5.1 `total_amount` = subtotal + tax + shipping − discount · M-PG",
    description: "`total_amount` equals subtotal + tax + shipping − discount.",
    check(s, report) {
      const o = order(s);
      const total = amountValue(s.params["total_amount"]);
      const sub = amountValue(o["subtotal"]);
      const tax = amountValue(o["tax"]);
      if (total === undefined || sub === undefined || tax === undefined) return;
      const ship = amountValue(o["shipping"]) ?? 0;
      const disc = amountValue(o["discount"]) ?? 0;
      const want = sub + tax + ship - disc;
      if (total !== want)
        report(
          [...s.base, "total_amount", "value"],
          `total_amount.value ${total} ≠ subtotal ${sub} + tax ${tax} + shipping ${ship} − discount ${disc} = ${want}`,
        );
    },
  },
  {
    code: "order.subtotal.sum",
    severity: "error",
    source: "§5.1 `order.subtotal` = Σ item amount × quantity · M-PG",
    description: "`order.subtotal` equals the sum of item amount (or sale amount) × quantity.",
    check(s, report) {
      const o = order(s);
      const sub = amountValue(o["subtotal"]);
      if (sub === undefined) return;
      let list = 0;
      let sale = 0;
      for (const it of arr(o["items"])) {
        const a = amountValue(rec(it)["amount"]);
        const qty = rec(it)["quantity"];
        if (a === undefined || !isInt(qty)) return;
        list += a * qty;
        sale += (amountValue(rec(it)["sale_amount"]) ?? a) * qty;
      }
      if (sub !== list && sub !== sale)
        report(
          orderPath(s, "subtotal", "value"),
          `subtotal.value ${sub} ≠ Σ item amount × quantity = ${sale === list ? list : `${sale} (sale) or ${list}`}`,
        );
    },
  },
  {
    code: "order.items.count",
    severity: "error",
    source: "§5.1 `order.items[]` (≤ 10 with images) · M-PG",
    description: "An order has at least one item, and at most 10 when items carry images.",
    check(s, report) {
      const items = arr(order(s)["items"]);
      if (items.length === 0) report(orderPath(s, "items"), "order needs at least one item");
      else if (items.length > 10 && items.some((i) => rec(i)["image"] !== undefined))
        report(orderPath(s, "items"), `${items.length} items with images; the limit is 10`);
    },
  },
  {
    code: "order.item.name.length",
    severity: "error",
    source: "§5.1 item `name` ≤ 60 (required) · M-PG",
    description: "Each item has a `name` of at most 60 characters.",
    check(s, report) {
      arr(order(s)["items"]).forEach((it, i) => {
        const n = rec(it)["name"];
        if (!isNonBlank(n)) report(orderPath(s, "items", i, "name"), "item name is required (≤ 60 chars)");
        const m = tooLong("item name", n, 60);
        if (m) report(orderPath(s, "items", i, "name"), m);
      });
    },
  },
  {
    code: "order.item.quantity",
    severity: "error",
    source: "§5.1 item `quantity` int (required) · M-PG",
    description: "Each item has a whole-number `quantity` > 0.",
    check(s, report) {
      arr(order(s)["items"]).forEach((it, i) => {
        const qty = rec(it)["quantity"];
        if (!isInt(qty) || qty <= 0)
          report(orderPath(s, "items", i, "quantity"), `quantity ${q(qty)} must be a whole number > 0`);
      });
    },
  },
  {
    code: "order.item.sale_amount",
    severity: "error",
    source: "§5.1 item `sale_amount` (< amount) · M-PG",
    description: "An item's `sale_amount` is below its `amount`.",
    check(s, report) {
      arr(order(s)["items"]).forEach((it, i) => {
        const a = amountValue(rec(it)["amount"]);
        const sale = amountValue(rec(it)["sale_amount"]);
        if (a !== undefined && sale !== undefined && sale >= a)
          report(orderPath(s, "items", i, "sale_amount"), `sale_amount ${sale} must be below amount ${a}`);
      });
    },
  },
  {
    code: "order.item.origin",
    severity: "error",
    source: "§5.1 items without `catalog_id`: origin and importer · M-PG",
    description: "Without `catalog_id`, each item gives `country_of_origin`, `importer_name` and `importer_address`.",
    check(s, report) {
      if (order(s)["catalog_id"] !== undefined) return;
      arr(order(s)["items"]).forEach((it, i) => {
        const missing = ["country_of_origin", "importer_name", "importer_address"].filter(
          (k) => rec(it)[k] === undefined,
        );
        if (missing.length > 0) report(orderPath(s, "items", i), `item without catalog_id needs ${missing.join(", ")}`);
      });
    },
  },
  {
    code: "order.item.image",
    severity: "error",
    source: "§5.1 item `image` (no `retailer_id`/`catalog_id`) · M-PG",
    description: "Items with an `image` have no `retailer_id`, and the order no `catalog_id`.",
    check(s, report) {
      const catalog = order(s)["catalog_id"] !== undefined;
      arr(order(s)["items"]).forEach((it, i) => {
        if (rec(it)["image"] !== undefined && (catalog || rec(it)["retailer_id"] !== undefined))
          report(
            orderPath(s, "items", i, "image"),
            "items with an image cannot have retailer_id or a catalog_id on the order",
          );
      });
    },
  },
  {
    code: "order.tax.required",
    severity: "error",
    source: "§5.1 `order.tax` required · M-PG",
    description: "`order.tax` is given.",
    check(s, report) {
      if (order(s)["tax"] === undefined)
        report(orderPath(s, "tax"), "order.tax is required: {value, offset: 100, description?}");
    },
  },
  {
    code: "order.description.length",
    severity: "error",
    source:
      "§5.1 tax/shipping/discount `description` ≤ 60, `discount_program_name` ≤ 60, expiration `description` ≤ 120 · M-PG",
    description: "Order descriptions fit their limits (60, or 120 for the expiration).",
    check(s, report) {
      const o = order(s);
      const limits: Array<[string, string, number]> = [
        ["tax", "description", 60],
        ["shipping", "description", 60],
        ["discount", "description", 60],
        ["discount", "discount_program_name", 60],
        ["expiration", "description", 120],
      ];
      for (const [part, key, max] of limits) {
        const m = tooLong(`${part}.${key}`, rec(o[part])[key], max);
        if (m) report(orderPath(s, part, key), m);
      }
    },
  },
  {
    code: "order.status.pending",
    severity: "error",
    source: "§5.1 `order.status` pending only · M-PG",
    description: "`order.status` in `order_details` is `pending`.",
    check(s, report) {
      const st = order(s)["status"];
      if (st !== "pending") report(orderPath(s, "status"), `order.status ${q(st)} must be "pending" in order_details`);
    },
  },
  {
    code: "order.order_type.enum",
    severity: "error",
    source: "§5.1 `order.type` quick_pay · M-PG",
    description: "`order.type`, if given, is `quick_pay`.",
    check(s, report) {
      const t = order(s)["type"];
      if (t !== undefined && t !== "quick_pay")
        report(orderPath(s, "type"), `order.type ${q(t)} must be "quick_pay" or omitted`);
    },
  },
  {
    code: "order.expiration.min",
    severity: "error",
    source: "§5.1 `order.expiration.timestamp` ≥ 300 s ahead · M-PG",
    description: "`order.expiration.timestamp` is Unix seconds, at least 300 s after now (when the caller gives now).",
    check(s, report) {
      const exp = order(s)["expiration"];
      if (exp === undefined) return;
      const ts = Number(rec(exp)["timestamp"]);
      const path = orderPath(s, "expiration", "timestamp");
      if (!Number.isInteger(ts)) report(path, `expiration.timestamp ${q(rec(exp)["timestamp"])} must be Unix seconds`);
      else if (ts > 100_000_000_000) report(path, `expiration.timestamp ${ts} looks like milliseconds; use seconds`);
      else if (s.nowSeconds !== undefined && ts < s.nowSeconds + 300)
        report(path, `expiration.timestamp ${ts} is ${ts - s.nowSeconds} s from now; it must be at least 300 s ahead`);
    },
  },
  {
    code: "order.upi_cap",
    severity: "error",
    source: "§5.1 UPI cap ≤ ₹5,00,000 · M-PG",
    description: 'Orders above ₹5,00,000 set `enabled_payment_options: ["web"]` (UPI is capped).',
    check(s, report) {
      const total = amountValue(s.params["total_amount"]);
      const opts = s.params["enabled_payment_options"];
      const webOnly = Array.isArray(opts) && opts.length === 1 && opts[0] === "web";
      if (total !== undefined && total > UPI_CAP_PAISE && !webOnly)
        report(
          [...s.base, "total_amount", "value"],
          `total ₹${total / 100} exceeds the UPI cap of ₹5,00,000; set enabled_payment_options: ["web"]`,
        );
    },
  },
  {
    code: "order.payment_settings.format",
    severity: "error",
    source: "§5.1 `payment_settings[]`; UPI-intent `payment_configuration` · M-PG, M-UPI",
    description:
      "`payment_settings` name a gateway (billdesk, razorpay, payu, zaakpay) and a `configuration_name` ≤ 60; UPI intent gives `payment_configuration` ≤ 60.",
    check(s, report) {
      if (s.params["payment_type"] === "upi") {
        const c = s.params["payment_configuration"];
        if (!isNonBlank(c))
          report([...s.base, "payment_configuration"], "UPI-intent orders need payment_configuration (≤ 60 chars)");
        const m = tooLong("payment_configuration", c, 60);
        if (m) report([...s.base, "payment_configuration"], m);
        return;
      }
      const list = arr(s.params["payment_settings"]);
      if (list.length === 0)
        report(
          [...s.base, "payment_settings"],
          "payment_settings is required: [{type: payment_gateway, payment_gateway: {type, configuration_name}}]",
        );
      list.forEach((ps, i) => {
        const path = [...s.base, "payment_settings", i];
        const g = rec(rec(ps)["payment_gateway"]);
        if (rec(ps)["type"] !== "payment_gateway")
          report([...path, "type"], 'payment_settings type must be "payment_gateway"');
        if (typeof g["type"] !== "string" || !GATEWAYS.has(g["type"]))
          report(
            [...path, "payment_gateway", "type"],
            `gateway ${q(g["type"])} must be billdesk, razorpay, payu or zaakpay`,
          );
        const name = g["configuration_name"];
        if (!isNonBlank(name))
          report([...path, "payment_gateway", "configuration_name"], "configuration_name is required (≤ 60 chars)");
        const m = tooLong("configuration_name", name, 60);
        if (m) report([...path, "payment_gateway", "configuration_name"], m);
      });
    },
  },
  {
    code: "order.payment_settings.gateway_extras",
    severity: "error",
    source: "§5.1 PG extras (Razorpay notes/receipt, PayU udf, Zaakpay extra, BillDesk additional_info) · M-PG",
    description:
      "Gateway extras fit their limits: Razorpay notes ≤ 15 × 256, receipt 1–40; PayU udf1–4 ≤ 255; Zaakpay extra1–2 ≤ 180; BillDesk additional_info1–7 ≤ 120.",
    check(s, report) {
      arr(s.params["payment_settings"]).forEach((ps, i) => {
        const g = rec(rec(ps)["payment_gateway"]);
        const type = g["type"];
        if (typeof type !== "string") return;
        checkExtras(type, rec(g[type]), [...s.base, "payment_settings", i, "payment_gateway", type], report);
      });
    },
  },
  {
    code: "order.beneficiaries.required",
    severity: "warning",
    source: "§5.1 `beneficiaries[]` required for shipped physical goods · M-PG",
    description:
      "Physical-goods orders that ship give `beneficiaries` (cannot tell statically whether the order ships).",
    check(s, report) {
      if (s.params["type"] === "physical-goods" && arr(s.params["beneficiaries"]).length === 0)
        report([...s.base, "beneficiaries"], "physical-goods orders that ship need beneficiaries (name and address)");
    },
  },
  {
    code: "order.beneficiary.format",
    severity: "error",
    source: "§5.1 `beneficiaries[]` fields · M-PG",
    description: "Beneficiary `name` ≤ 200, address lines ≤ 100, `country` India, 6-digit `postal_code`.",
    check(s, report) {
      arr(s.params["beneficiaries"]).forEach((b, i) => {
        const path = [...s.base, "beneficiaries", i];
        const r = rec(b);
        for (const [k, max] of [
          ["name", 200],
          ["address_line1", 100],
          ["address_line2", 100],
        ] as const) {
          const m = tooLong(k, r[k], max);
          if (m) report([...path, k], m);
        }
        for (const k of ["name", "address_line1", "city", "state"])
          if (!isNonBlank(r[k])) report([...path, k], `beneficiary ${k} is required`);
        if (r["country"] !== "India") report([...path, "country"], `country ${q(r["country"])} must be "India"`);
        if (!/^[0-9]{6}$/.test(String(r["postal_code"] ?? "")))
          report([...path, "postal_code"], `postal_code ${q(r["postal_code"])} must be 6 digits`);
      });
    },
  },
  {
    code: "order.preferred_payment_methods",
    severity: "error",
    source: "§5.1 `preferred_payment_methods` ≤ 1 UPI app · M-PG",
    description:
      "`preferred_payment_methods` names at most one UPI app (gpay, phonepe, paytm, bhim, amazonpay, cred, mobikwik).",
    check(s, report) {
      const v = s.params["preferred_payment_methods"];
      if (v === undefined) return;
      const list = arr(v);
      if (!Array.isArray(v) || list.length > 1)
        report([...s.base, "preferred_payment_methods"], "preferred_payment_methods lists at most one UPI app");
      list.forEach((m, i) => {
        const app = isRec(m) ? (m["type"] ?? m["name"]) : m;
        if (typeof app !== "string" || !UPI_APPS.has(app))
          report(
            [...s.base, "preferred_payment_methods", i],
            `UPI app ${q(app)} must be one of ${[...UPI_APPS].join(", ")}`,
          );
      });
    },
  },
  {
    code: "order.enabled_payment_options",
    severity: "error",
    source: "§5.1 `enabled_payment_options` · M-PG",
    description: '`enabled_payment_options`, if given, is ["upi"] or ["web"].',
    check(s, report) {
      const v = s.params["enabled_payment_options"];
      if (v === undefined) return;
      if (!(Array.isArray(v) && v.length === 1 && (v[0] === "upi" || v[0] === "web")))
        report([...s.base, "enabled_payment_options"], `enabled_payment_options ${q(v)} must be ["upi"] or ["web"]`);
    },
  },
];

const STATUSES = new Set([
  "pending",
  "processing",
  "partially_shipped",
  "partially-shipped",
  "shipped",
  "completed",
  "canceled",
]);
const TERMINAL = new Set(["completed", "canceled"]);

/** `order_status` (§5.3). */
export const orderStatusRules: O[] = [
  ...messageParts("order_status", "review_order", "§5.3 `order_status` message · M-PG"),
  referenceRule,
  {
    code: "order_status.status.enum",
    severity: "error",
    source: "§5.3 Order statuses · M-PG",
    description: "`order.status` is pending, processing, partially_shipped, shipped, completed or canceled.",
    check(s, report) {
      const st = order(s)["status"];
      if (typeof st !== "string" || !STATUSES.has(st))
        report(
          orderPath(s, "status"),
          `order.status ${q(st)} must be pending, processing, partially_shipped, shipped, completed or canceled`,
        );
    },
  },
  {
    code: "order_status.description.length",
    severity: "error",
    source: "§5.3 `order.description` ≤ 120 · M-PG",
    description: "`order.description` is at most 120 characters.",
    check(s, report) {
      const m = tooLong("order description", order(s)["description"], 120);
      if (m) report(orderPath(s, "description"), m);
    },
  },
  {
    code: "order_status.transition",
    severity: "error",
    source: "§5.3 Transitions (completed/canceled terminal) · M-PG; error 2046",
    description:
      "No status change out of `completed` or `canceled`, and nothing goes back to `pending` (when the previous status is known).",
    check(s, report) {
      const prev = s.previousStatus;
      const next = order(s)["status"];
      if (prev === undefined || typeof next !== "string" || prev === next) return;
      if (TERMINAL.has(prev) || next === "pending")
        report(
          orderPath(s, "status"),
          `order cannot go from ${prev} to ${next} (Meta error 2046); ${prev} is ${TERMINAL.has(prev) ? "final" : "past pending"}`,
        );
    },
  },
  {
    code: "order_status.cancel_paid",
    severity: "error",
    source: "§5.3 Cancel only if unpaid · M-PG; error 2047",
    description: "A paid order cannot be canceled (when the caller says it is paid).",
    check(s, report) {
      if (s.paid === true && order(s)["status"] === "canceled")
        report(orderPath(s, "status"), "a paid order cannot be canceled (Meta error 2047); refund it instead");
    },
  },
];
