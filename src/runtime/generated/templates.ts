// DO NOT EDIT: generated from config/ by scripts/gen-template-types.ts. Regenerate with `npm run gen:templates`;
// `npm run gen:templates -- --check` fails when this file and config/ disagree.
import type { MediaRef } from "../messages/basic.ts";
import type { TemplateSpec } from "../messages/typed-template.ts";

/** Send arguments of every declared template: name → language → parameters. */
export interface TemplateParams {
  festival_flash_sale: {
    en_US: {
      params: [string, string] /** IMAGE header. */;
      headerMedia: MediaRef /** Button parameters by button index: URL suffix or coupon code. */;
      buttons: { 0: string; 1: string } /** Offer end, Unix milliseconds. */;
      ltoExpirationMs: number;
    };
    hi: {
      params: [string, string] /** IMAGE header. */;
      headerMedia: MediaRef /** Button parameters by button index: URL suffix or coupon code. */;
      buttons: { 0: string; 1: string } /** Offer end, Unix milliseconds. */;
      ltoExpirationMs: number;
    };
  };
  login_otp: {
    en_US: { /** The one-time code (≤ 15 chars); sent in the body and the copy-code/one-tap button. */ code: string };
    es_MX: { /** The one-time code (≤ 15 chars); sent in the body and the copy-code/one-tap button. */ code: string };
    hi: { /** The one-time code (≤ 15 chars); sent in the body and the copy-code/one-tap button. */ code: string };
    pt_BR: { /** The one-time code (≤ 15 chars); sent in the body and the copy-code/one-tap button. */ code: string };
  };
  new_arrivals_carousel: {
    en_US: {
      params: [string];
      cards: [
        {
          /** IMAGE header. */ headerMedia: MediaRef /** Button parameters by button index: URL suffix or coupon code. */;
          buttons: { 1: string };
        },
        {
          /** IMAGE header. */ headerMedia: MediaRef /** Button parameters by button index: URL suffix or coupon code. */;
          buttons: { 1: string };
        },
      ];
    };
    es_MX: {
      params: [string];
      cards: [
        {
          /** IMAGE header. */ headerMedia: MediaRef /** Button parameters by button index: URL suffix or coupon code. */;
          buttons: { 1: string };
        },
        {
          /** IMAGE header. */ headerMedia: MediaRef /** Button parameters by button index: URL suffix or coupon code. */;
          buttons: { 1: string };
        },
      ];
    };
    pt_BR: {
      params: [string];
      cards: [
        {
          /** IMAGE header. */ headerMedia: MediaRef /** Button parameters by button index: URL suffix or coupon code. */;
          buttons: { 1: string };
        },
        {
          /** IMAGE header. */ headerMedia: MediaRef /** Button parameters by button index: URL suffix or coupon code. */;
          buttons: { 1: string };
        },
      ];
    };
  };
  order_confirmation: {
    en_US: {
      params: {
        first_name: string;
        order_id: string;
      } /** Button parameters by button index: URL suffix or coupon code. */;
      buttons: { 0: string };
    };
    es_MX: {
      params: {
        first_name: string;
        order_id: string;
      } /** Button parameters by button index: URL suffix or coupon code. */;
      buttons: { 0: string };
    };
    hi: {
      params: {
        first_name: string;
        order_id: string;
      } /** Button parameters by button index: URL suffix or coupon code. */;
      buttons: { 0: string };
    };
    pt_BR: {
      params: {
        first_name: string;
        order_id: string;
      } /** Button parameters by button index: URL suffix or coupon code. */;
      buttons: { 0: string };
    };
  };
  payment_reminder: {
    hi: { params: [string, string, string] };
  };
  shipping_update: {
    en_US: { params: [string, string, string] };
    es_MX: { params: [string, string, string] };
    hi: { params: [string, string, string] };
    pt_BR: { params: [string, string, string] };
  };
}

/** How each template is sent (parameter names/order, button indexes), used at run time. */
export const TEMPLATE_SPECS: Record<string, Record<string, TemplateSpec>> = {
  festival_flash_sale: {
    en_US: {
      body: ["1", "2"],
      buttons: [
        { index: 0, kind: "copy_code" },
        { index: 1, kind: "url" },
      ],
      header: { kind: "IMAGE" },
      format: "POSITIONAL",
      category: "MARKETING",
      auth: false,
      lto: true,
    },
    hi: {
      body: ["1", "2"],
      buttons: [
        { index: 0, kind: "copy_code" },
        { index: 1, kind: "url" },
      ],
      header: { kind: "IMAGE" },
      format: "POSITIONAL",
      category: "MARKETING",
      auth: false,
      lto: true,
    },
  },
  login_otp: {
    en_US: {
      body: [],
      buttons: [{ index: 0, kind: "otp" }],
      format: "POSITIONAL",
      category: "AUTHENTICATION",
      auth: true,
      lto: false,
    },
    es_MX: {
      body: [],
      buttons: [{ index: 0, kind: "otp" }],
      format: "POSITIONAL",
      category: "AUTHENTICATION",
      auth: true,
      lto: false,
    },
    hi: {
      body: [],
      buttons: [{ index: 0, kind: "otp" }],
      format: "POSITIONAL",
      category: "AUTHENTICATION",
      auth: true,
      lto: false,
    },
    pt_BR: {
      body: [],
      buttons: [{ index: 0, kind: "otp" }],
      format: "POSITIONAL",
      category: "AUTHENTICATION",
      auth: true,
      lto: false,
    },
  },
  new_arrivals_carousel: {
    en_US: {
      body: ["1"],
      buttons: [],
      format: "POSITIONAL",
      category: "MARKETING",
      auth: false,
      lto: false,
      cards: [
        { body: [], buttons: [{ index: 1, kind: "url" }], header: { kind: "IMAGE" } },
        { body: [], buttons: [{ index: 1, kind: "url" }], header: { kind: "IMAGE" } },
      ],
    },
    es_MX: {
      body: ["1"],
      buttons: [],
      format: "POSITIONAL",
      category: "MARKETING",
      auth: false,
      lto: false,
      cards: [
        { body: [], buttons: [{ index: 1, kind: "url" }], header: { kind: "IMAGE" } },
        { body: [], buttons: [{ index: 1, kind: "url" }], header: { kind: "IMAGE" } },
      ],
    },
    pt_BR: {
      body: ["1"],
      buttons: [],
      format: "POSITIONAL",
      category: "MARKETING",
      auth: false,
      lto: false,
      cards: [
        { body: [], buttons: [{ index: 1, kind: "url" }], header: { kind: "IMAGE" } },
        { body: [], buttons: [{ index: 1, kind: "url" }], header: { kind: "IMAGE" } },
      ],
    },
  },
  order_confirmation: {
    en_US: {
      body: ["first_name", "order_id"],
      buttons: [{ index: 0, kind: "url" }],
      format: "NAMED",
      category: "UTILITY",
      auth: false,
      lto: false,
    },
    es_MX: {
      body: ["first_name", "order_id"],
      buttons: [{ index: 0, kind: "url" }],
      format: "NAMED",
      category: "UTILITY",
      auth: false,
      lto: false,
    },
    hi: {
      body: ["first_name", "order_id"],
      buttons: [{ index: 0, kind: "url" }],
      format: "NAMED",
      category: "UTILITY",
      auth: false,
      lto: false,
    },
    pt_BR: {
      body: ["first_name", "order_id"],
      buttons: [{ index: 0, kind: "url" }],
      format: "NAMED",
      category: "UTILITY",
      auth: false,
      lto: false,
    },
  },
  payment_reminder: {
    hi: { body: ["1", "2", "3"], buttons: [], format: "POSITIONAL", category: "UTILITY", auth: false, lto: false },
  },
  shipping_update: {
    en_US: { body: ["1", "2", "3"], buttons: [], format: "POSITIONAL", category: "UTILITY", auth: false, lto: false },
    es_MX: { body: ["1", "2", "3"], buttons: [], format: "POSITIONAL", category: "UTILITY", auth: false, lto: false },
    hi: { body: ["1", "2", "3"], buttons: [], format: "POSITIONAL", category: "UTILITY", auth: false, lto: false },
    pt_BR: { body: ["1", "2", "3"], buttons: [], format: "POSITIONAL", category: "UTILITY", auth: false, lto: false },
  },
};
