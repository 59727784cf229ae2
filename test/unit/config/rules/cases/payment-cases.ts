/** Fixtures for India payments: configurations, order_details, order_status (§5). */
import {
  checkOrderDetails,
  checkOrderStatus,
  checkPaymentConfiguration,
} from "../../../../../src/config/rules/index.ts";
import { type CaseGroup, type Doc, mut } from "../support.ts";

export const NOW = 1_700_000_000;

const gatewayConfig: Doc = {
  configuration_name: "luckyshrub-razorpay",
  provider_name: "razorpay",
  purpose_code: "00",
  merchant_category_code: "5992",
  redirect_url: "https://luckyshrub.example/paid",
  currency: "INR",
  payment_type: "payment_gateway",
  order_expiry_minutes: 15,
  enabled_payment_options: ["web"],
};
const upiConfig: Doc = {
  configuration_name: "upi-main",
  provider_name: "upi_vpa",
  purpose_code: { code: "00", description: "Default" },
  merchant_category_code: { code: "5992", description: "Florists" },
  merchant_vpa: "luckyshrub@okhdfcbank",
  payment_type: "upi",
};

/** Payment configuration rules. */
export const paymentConfigGroup: CaseGroup = {
  name: "checkPaymentConfiguration",
  check: checkPaymentConfiguration,
  bases: [gatewayConfig, upiConfig],
  cases: [
    {
      code: "payment.configuration_name.length",
      note: "61 chars",
      fail: mut(gatewayConfig, (d) => (d.configuration_name = "c".repeat(61))),
      pass: mut(gatewayConfig, (d) => (d.configuration_name = "c".repeat(60))),
    },
    {
      code: "payment.configuration_name.length",
      note: "missing",
      fail: mut(gatewayConfig, (d) => delete d.configuration_name),
    },
    {
      code: "payment.provider_name.enum",
      note: "stripe",
      fail: mut(gatewayConfig, (d) => (d.provider_name = "stripe")),
    },
    {
      code: "payment.provider_name.billdesk",
      note: "billdesk",
      fail: mut(gatewayConfig, (d) => (d.provider_name = "billdesk")),
    },
    { code: "payment.purpose_code.required", note: "missing", fail: mut(gatewayConfig, (d) => delete d.purpose_code) },
    {
      code: "payment.merchant_category_code.required",
      note: "missing",
      fail: mut(upiConfig, (d) => (d.merchant_category_code = {})),
    },
    {
      code: "payment.merchant_vpa.format",
      note: "UPI without VPA",
      fail: mut(upiConfig, (d) => delete d.merchant_vpa),
    },
    { code: "payment.merchant_vpa.format", note: "no @", fail: mut(upiConfig, (d) => (d.merchant_vpa = "luckyshrub")) },
    {
      code: "payment.redirect_url.format",
      note: "http",
      fail: mut(gatewayConfig, (d) => (d.redirect_url = "http://luckyshrub.example")),
    },
    { code: "payment.currency.inr", note: "USD", fail: mut(gatewayConfig, (d) => (d.currency = "USD")) },
    { code: "payment.payment_type.enum", note: "card", fail: mut(gatewayConfig, (d) => (d.payment_type = "card")) },
    {
      code: "payment.payment_type.provider",
      note: "upi with razorpay",
      fail: mut(gatewayConfig, (d) => (d.payment_type = "upi")),
    },
    {
      code: "payment.order_expiry_minutes.min",
      note: "4 minutes",
      fail: mut(gatewayConfig, (d) => (d.order_expiry_minutes = 4)),
      pass: mut(gatewayConfig, (d) => (d.order_expiry_minutes = 5)),
    },
    {
      code: "payment.enabled_payment_options.enum",
      note: "both",
      fail: mut(gatewayConfig, (d) => (d.enabled_payment_options = ["upi", "web"])),
    },
  ],
};

const rupees = (r: number) => ({ value: r * 100, offset: 100 });

export const orderDetails: Doc = {
  type: "order_details",
  body: { text: "Your order from Lucky Shrub" },
  footer: { text: "Pay securely" },
  action: {
    name: "review_and_pay",
    parameters: {
      reference_id: "order-2026-0001",
      type: "physical-goods",
      payment_settings: [
        {
          type: "payment_gateway",
          payment_gateway: {
            type: "razorpay",
            configuration_name: "luckyshrub-razorpay",
            razorpay: { receipt: "r-1", notes: { promo: "none" } },
          },
        },
      ],
      currency: "INR",
      total_amount: rupees(520),
      beneficiaries: [
        {
          name: "Asha Rao",
          address_line1: "12 MG Road",
          city: "Bengaluru",
          state: "Karnataka",
          country: "India",
          postal_code: "560001",
        },
      ],
      order: {
        status: "pending",
        catalog_id: "cat-1",
        items: [{ retailer_id: "sku-1", name: "Jade plant", amount: rupees(200), quantity: 2 }],
        subtotal: rupees(400),
        tax: { ...rupees(72), description: "GST 18%" },
        shipping: rupees(50),
        discount: { ...rupees(2), description: "Welcome", discount_program_name: "WELCOME2" },
        expiration: { timestamp: String(NOW + 3600), description: "Pay within an hour" },
      },
    },
  },
};

/** Bare parameters, UPI intent, items with images and no catalog. */
const upiParams: Doc = {
  reference_id: "dg.42",
  type: "digital-goods",
  payment_type: "upi",
  payment_configuration: "upi-main",
  currency: "INR",
  total_amount: rupees(118),
  preferred_payment_methods: ["gpay"],
  enabled_payment_options: ["upi"],
  order: {
    status: "pending",
    type: "quick_pay",
    items: [
      {
        name: "Plant care e-book",
        amount: rupees(120),
        sale_amount: rupees(100),
        quantity: 1,
        image: { link: "https://cdn.example.com/book.png" },
        country_of_origin: "India",
        importer_name: "Lucky Shrub",
        importer_address: { address_line1: "12 MG Road", city: "Bengaluru", country_code: "IN", postal_code: "560001" },
      },
    ],
    subtotal: rupees(100),
    tax: rupees(18),
  },
};

const p = (d: Doc) => d.action.parameters;
const o = (d: Doc) => d.action.parameters.order;

/** order_details rules (with a fixed clock). */
export const orderDetailsGroup: CaseGroup = {
  name: "checkOrderDetails",
  check: (x) => checkOrderDetails(x, { nowSeconds: NOW }),
  bases: [orderDetails, upiParams],
  cases: [
    {
      code: "order.action.name",
      note: "review_order",
      fail: mut(orderDetails, (d) => (d.action.name = "review_order")),
    },
    { code: "order.body.length", note: "missing body", fail: mut(orderDetails, (d) => delete d.body) },
    { code: "order.footer.length", note: "61 chars", fail: mut(orderDetails, (d) => (d.footer.text = "f".repeat(61))) },
    {
      code: "order.reference_id.format",
      note: "36 chars",
      fail: mut(orderDetails, (d) => (p(d).reference_id = "r".repeat(36))),
      pass: mut(orderDetails, (d) => (p(d).reference_id = "r".repeat(35))),
    },
    {
      code: "order.reference_id.format",
      note: "space",
      fail: mut(orderDetails, (d) => (p(d).reference_id = "order 1")),
    },
    { code: "order.type.enum", note: "services", fail: mut(orderDetails, (d) => (p(d).type = "services")) },
    { code: "order.currency.inr", note: "USD", fail: mut(orderDetails, (d) => (p(d).currency = "USD")) },
    {
      code: "order.amount.format",
      note: "offset 1",
      fail: mut(orderDetails, (d) => (o(d).shipping = { value: 5000, offset: 1 })),
    },
    {
      code: "order.amount.format",
      note: "fractional paise",
      fail: mut(orderDetails, (d) => (o(d).tax.value = 7200.5)),
    },
    {
      code: "order.total.sum",
      note: "discount not subtracted",
      fail: mut(orderDetails, (d) => (p(d).total_amount = rupees(522))),
    },
    {
      code: "order.subtotal.sum",
      note: "quantity ignored",
      fail: mut(orderDetails, (d) => (o(d).items[0].quantity = 3)),
    },
    { code: "order.items.count", note: "no items", fail: mut(orderDetails, (d) => (o(d).items = [])) },
    {
      code: "order.items.count",
      note: "11 items with images",
      fail: mut(upiParams, (d) => (d.order.items = Array.from({ length: 11 }, () => d.order.items[0]))),
    },
    {
      code: "order.item.name.length",
      note: "61 chars",
      fail: mut(orderDetails, (d) => (o(d).items[0].name = "n".repeat(61))),
    },
    { code: "order.item.quantity", note: "zero", fail: mut(orderDetails, (d) => (o(d).items[0].quantity = 0)) },
    {
      code: "order.item.sale_amount",
      note: "sale above price",
      fail: mut(upiParams, (d) => (d.order.items[0].sale_amount = rupees(130))),
    },
    {
      code: "order.item.origin",
      note: "no importer without catalog",
      fail: mut(upiParams, (d) => delete d.order.items[0].importer_name),
    },
    {
      code: "order.item.image",
      note: "image with catalog",
      fail: mut(orderDetails, (d) => (o(d).items[0].image = { link: "https://x/y.png" })),
    },
    { code: "order.tax.required", note: "no tax", fail: mut(upiParams, (d) => delete d.order.tax) },
    {
      code: "order.description.length",
      note: "tax description 61",
      fail: mut(orderDetails, (d) => (o(d).tax.description = "t".repeat(61))),
    },
    {
      code: "order.description.length",
      note: "expiration description 121",
      fail: mut(orderDetails, (d) => (o(d).expiration.description = "e".repeat(121))),
    },
    { code: "order.status.pending", note: "processing", fail: mut(orderDetails, (d) => (o(d).status = "processing")) },
    { code: "order.order_type.enum", note: "slow_pay", fail: mut(upiParams, (d) => (d.order.type = "slow_pay")) },
    {
      code: "order.expiration.min",
      note: "299 s ahead",
      fail: mut(orderDetails, (d) => (o(d).expiration.timestamp = String(NOW + 299))),
      pass: mut(orderDetails, (d) => (o(d).expiration.timestamp = String(NOW + 300))),
    },
    {
      code: "order.expiration.min",
      note: "milliseconds",
      fail: mut(orderDetails, (d) => (o(d).expiration.timestamp = (NOW + 3600) * 1000)),
    },
    {
      code: "order.upi_cap",
      note: "₹5,00,001 over UPI",
      fail: mut(upiParams, (d) => {
        d.order.items[0] = { ...d.order.items[0], amount: rupees(500_001), sale_amount: undefined };
        delete d.order.items[0].sale_amount;
        d.order.subtotal = rupees(500_001);
        d.order.tax = rupees(0);
        d.total_amount = rupees(500_001);
      }),
    },
    {
      code: "order.payment_settings.format",
      note: "unknown gateway",
      fail: mut(orderDetails, (d) => (p(d).payment_settings[0].payment_gateway.type = "stripe")),
    },
    {
      code: "order.payment_settings.format",
      note: "UPI without configuration",
      fail: mut(upiParams, (d) => delete d.payment_configuration),
    },
    {
      code: "order.payment_settings.gateway_extras",
      note: "Razorpay receipt 41 chars",
      fail: mut(orderDetails, (d) => (p(d).payment_settings[0].payment_gateway.razorpay.receipt = "r".repeat(41))),
    },
    {
      code: "order.payment_settings.gateway_extras",
      note: "16 Razorpay notes",
      fail: mut(orderDetails, (d) => {
        p(d).payment_settings[0].payment_gateway.razorpay.notes = Object.fromEntries(
          Array.from({ length: 16 }, (_, i) => [`k${i}`, "v"]),
        );
      }),
    },
    {
      code: "order.payment_settings.gateway_extras",
      note: "PayU udf1 256 chars",
      fail: mut(orderDetails, (d) => {
        p(d).payment_settings[0].payment_gateway = {
          type: "payu",
          configuration_name: "payu-1",
          payu: { udf1: "u".repeat(256) },
        };
      }),
    },
    {
      code: "order.beneficiaries.required",
      note: "physical goods without address",
      fail: mut(orderDetails, (d) => delete p(d).beneficiaries),
    },
    {
      code: "order.beneficiary.format",
      note: "5-digit postal code",
      fail: mut(orderDetails, (d) => (p(d).beneficiaries[0].postal_code = "56001")),
    },
    {
      code: "order.beneficiary.format",
      note: "country Bharat",
      fail: mut(orderDetails, (d) => (p(d).beneficiaries[0].country = "IN")),
    },
    {
      code: "order.preferred_payment_methods",
      note: "two apps",
      fail: mut(upiParams, (d) => (d.preferred_payment_methods = ["gpay", "paytm"])),
    },
    {
      code: "order.preferred_payment_methods",
      note: "unknown app",
      fail: mut(upiParams, (d) => (d.preferred_payment_methods = ["venmo"])),
    },
    {
      code: "order.enabled_payment_options",
      note: "card",
      fail: mut(upiParams, (d) => (d.enabled_payment_options = ["card"])),
    },
  ],
};

const orderStatus: Doc = {
  type: "order_status",
  body: { text: "Your order has shipped" },
  action: {
    name: "review_order",
    parameters: { reference_id: "order-2026-0001", order: { status: "shipped", description: "Courier: BlueDart" } },
  },
};

/** order_status rules (previous status `processing`, order paid). */
export const orderStatusGroup: CaseGroup = {
  name: "checkOrderStatus",
  check: (x) => checkOrderStatus(x, { previousStatus: "processing", paid: true }),
  bases: [orderStatus, mut(orderStatus, (d) => (d.action.parameters.order.status = "partially-shipped"))],
  cases: [
    {
      code: "order_status.action.name",
      note: "review_and_pay",
      fail: mut(orderStatus, (d) => (d.action.name = "review_and_pay")),
    },
    {
      code: "order_status.body.length",
      note: "1025 chars",
      fail: mut(orderStatus, (d) => (d.body.text = "b".repeat(1025))),
    },
    {
      code: "order_status.footer.length",
      note: "61 chars",
      fail: mut(orderStatus, (d) => (d.footer = { text: "f".repeat(61) })),
    },
    {
      code: "order.reference_id.format",
      note: "missing",
      fail: mut(orderStatus, (d) => delete d.action.parameters.reference_id),
    },
    {
      code: "order_status.status.enum",
      note: "delivered",
      fail: mut(orderStatus, (d) => (d.action.parameters.order.status = "delivered")),
    },
    {
      code: "order_status.description.length",
      note: "121 chars",
      fail: mut(orderStatus, (d) => (d.action.parameters.order.description = "d".repeat(121))),
    },
    {
      code: "order_status.transition",
      note: "processing → pending",
      fail: mut(orderStatus, (d) => (d.action.parameters.order.status = "pending")),
      pass: mut(orderStatus, (d) => (d.action.parameters.order.status = "completed")),
    },
    {
      code: "order_status.cancel_paid",
      note: "cancel a paid order",
      fail: mut(orderStatus, (d) => (d.action.parameters.order.status = "canceled")),
    },
  ],
};
