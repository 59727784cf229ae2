/** Meta rules for limited-time offers, carousels, MPM/SPM templates (whatsapp-rules.md §1.6, §1.7). */
import type { Rule } from "./engine.ts";
import { isProductCarousel, type TemplateView } from "./template-view.ts";
import { cpLength, isNonBlank, q, rec, str, tooLong } from "./util.ts";

type R = Rule<TemplateView>;

/** Limited-time offer templates (§1.6). */
export const ltoRules: R[] = [
  {
    code: "lto.footer.forbidden",
    severity: "error",
    source: "§1.6 LTO footer not allowed · M-LTO",
    description: "A limited-time offer template has no FOOTER.",
    check(t, report) {
      if (t.lto && t.footer) report(t.footer.path, "limited-time offer templates cannot have a FOOTER; remove it");
    },
  },
  {
    code: "lto.header.format",
    severity: "error",
    source: "§1.6 LTO header IMAGE or VIDEO · M-LTO",
    description: "A limited-time offer header, if any, is IMAGE or VIDEO.",
    check(t, report) {
      if (t.lto && t.header && t.header.format !== "IMAGE" && t.header.format !== "VIDEO")
        report(
          [...t.header.path, "format"],
          `limited-time offer header must be IMAGE or VIDEO, not ${q(t.header.raw["format"])}`,
        );
    },
  },
  {
    code: "lto.text.length",
    severity: "error",
    source: "§1.6 `limited_time_offer.text` ≤ 16, required · M-LTO",
    description: "`limited_time_offer.text` is present and at most 16 characters.",
    check(t, report) {
      if (!t.lto) return;
      const text = rec(t.lto.raw["limited_time_offer"])["text"];
      const path = [...t.lto.path, "limited_time_offer", "text"];
      if (!isNonBlank(text)) report(path, 'limited_time_offer.text is required (≤ 16 chars), e.g. "Expiring offer!"');
      else {
        const m = tooLong("offer text", text, 16);
        if (m) report(path, m);
      }
    },
  },
  {
    code: "lto.body.length",
    severity: "error",
    source: "§1.6 LTO body ≤ 600 · M-LTO",
    description: "The body of a limited-time offer template is at most 600 characters.",
    check(t, report) {
      if (!t.lto || !t.body) return;
      const m = tooLong("offer body text", t.body.raw["text"], 600);
      if (m) report([...t.body.path, "text"], m);
    },
  },
  {
    code: "lto.buttons.url_required",
    severity: "error",
    source: "§1.6 LTO buttons: URL required · M-LTO",
    description: "A limited-time offer template has a URL button.",
    check(t, report) {
      if (t.lto && !t.buttons.some((b) => b.type === "URL"))
        report(t.buttonsComponent?.path ?? ["components"], "limited-time offer templates need a URL button");
    },
  },
  {
    code: "lto.buttons.types",
    severity: "error",
    source: "§1.6 LTO buttons: optional COPY_CODE + URL · M-LTO",
    description: "Limited-time offer buttons are only COPY_CODE (optional) and URL.",
    check(t, report) {
      if (!t.lto) return;
      for (const b of t.buttons)
        if (b.type !== "URL" && b.type !== "COPY_CODE")
          report(
            [...b.path, "type"],
            `limited-time offer templates allow only COPY_CODE and URL buttons, not ${b.type}`,
          );
    },
  },
];

const MEDIA_CARD = new Set(["QUICK_REPLY", "URL", "PHONE_NUMBER"]);
const PRODUCT_CARD = new Set(["SPM", "URL"]);

/** Carousel templates (§1.7). */
export const carouselRules: R[] = [
  {
    code: "carousel.components.top_level",
    severity: "error",
    source: "§1.7 Carousel: message body + cards · M-MCC, M-PCC",
    description: "A carousel template has only a BODY and the CAROUSEL at top level (no header, footer or buttons).",
    check(t, report) {
      if (!t.carousel) return;
      for (const c of t.components)
        if (c.type !== "BODY" && c.type !== "CAROUSEL")
          report(
            c.path,
            `carousel templates have only BODY and CAROUSEL at top level; move this ${c.type} into the cards or remove it`,
          );
    },
  },
  {
    code: "carousel.cards.count",
    severity: "error",
    source: "§1.7 Cards 2–10 · M-MCC, M-PCC",
    description: "A carousel has 2 to 10 cards.",
    check(t, report) {
      if (!t.carousel) return;
      const n = t.cards.length;
      if (n < 2 || n > 10) report([...t.carousel.path, "cards"], `carousel has ${n} card(s); use 2 to 10`);
    },
  },
  {
    code: "carousel.cards.product_count",
    severity: "error",
    source: "§1.7 Product-card carousel: define 2 at creation · M-PCC",
    description: "A product-card carousel template defines exactly 2 cards (2–10 are sent).",
    check(t, report) {
      if (t.carousel && isProductCarousel(t) && t.cards.length !== 2)
        report(
          [...t.carousel.path, "cards"],
          `product-card carousel defines ${t.cards.length} cards; define exactly 2 at creation (send 2–10)`,
        );
    },
  },
  {
    code: "carousel.card.header",
    severity: "error",
    source: "§1.7 Card header image/video or product · M-MCC, M-PCC",
    description: "Every card has a HEADER of format IMAGE, VIDEO or PRODUCT.",
    check(t, report) {
      for (const c of t.cards) {
        const f = c.header?.format;
        if (f !== "IMAGE" && f !== "VIDEO" && f !== "PRODUCT")
          report(
            c.header ? [...c.header.path, "format"] : [...c.path, "components"],
            c.header
              ? `card header must be IMAGE, VIDEO or PRODUCT, not ${q(c.header.raw["format"])}`
              : "card needs a HEADER (IMAGE, VIDEO or PRODUCT)",
          );
      }
    },
  },
  {
    code: "carousel.card.header_uniform",
    severity: "error",
    source: "§1.7 Card header same type on all cards · M-MCC",
    description: "All card headers have the same format.",
    check(t, report) {
      const first = t.cards[0]?.header?.format;
      for (const c of t.cards.slice(1))
        if (c.header && first && c.header.format !== first)
          report(
            [...c.header.path, "format"],
            `card header is ${c.header.format} but card 0's is ${first}; use one type on all cards`,
          );
    },
  },
  {
    code: "carousel.card.body.length",
    severity: "error",
    source: "§1.7 Card body ≤ 160 · M-MCC; SPM card body ≤ 160 · M-SPM",
    description: "A card body is at most 160 characters.",
    check(t, report) {
      for (const c of t.cards) {
        const m = c.body ? tooLong("card body text", c.body.raw["text"], 160) : undefined;
        if (m && c.body) report([...c.body.path, "text"], m);
      }
    },
  },
  {
    code: "carousel.card.body.all_or_none",
    severity: "error",
    source: "§1.7 Card body: if one card has body, all must · M-MCC",
    description: "Either every card has a BODY or none has.",
    check(t, report) {
      const withBody = t.cards.filter((c) => c.body).length;
      if (withBody > 0 && withBody < t.cards.length)
        for (const c of t.cards)
          if (!c.body)
            report([...c.path, "components"], "this card has no BODY but others do; give every card a body or none");
    },
  },
  {
    code: "carousel.card.buttons.count",
    severity: "error",
    source: "§1.7 Card buttons: ≤ 2 (media), 1 (product) · M-MCC, M-PCC",
    description: "Media cards have 1–2 buttons; product cards exactly 1.",
    check(t, report) {
      const product = isProductCarousel(t);
      for (const c of t.cards) {
        const n = c.buttons.length;
        if (product ? n !== 1 : n < 1 || n > 2)
          report(
            c.buttonsComponent ? [...c.buttonsComponent.path, "buttons"] : [...c.path, "components"],
            `card has ${n} button(s); ${product ? "product cards have exactly 1 (SPM or URL)" : "media cards have 1 or 2"}`,
          );
      }
    },
  },
  {
    code: "carousel.card.buttons.types",
    severity: "error",
    source: "§1.7 Card buttons: QR/URL/phone (media), SPM or URL (product) · M-MCC, M-PCC",
    description: "Media card buttons are QUICK_REPLY, URL or PHONE_NUMBER; product card buttons SPM or URL.",
    check(t, report) {
      const allowed = isProductCarousel(t) ? PRODUCT_CARD : MEDIA_CARD;
      for (const c of t.cards)
        for (const b of c.buttons)
          if (!allowed.has(b.type))
            report(
              [...b.path, "type"],
              `${b.type} buttons are not allowed on this card; use ${[...allowed].join(", ")}`,
            );
    },
  },
  {
    code: "carousel.card.uniform",
    severity: "error",
    source: "§1.7 Card uniformity; identical button types & order · M-MCC, M-PCC",
    description: "Every card has the same components and button types, in the same order, as the first card.",
    check(t, report) {
      const shape = (c: (typeof t.cards)[number]) =>
        `${c.components.map((x) => x.type).join(",")}|${c.buttons.map((b) => b.type).join(",")}`;
      const first = t.cards[0];
      if (!first) return;
      const want = shape(first);
      for (const c of t.cards.slice(1)) {
        const got = shape(c);
        if (got !== want)
          report(
            c.path,
            `card ${c.index} has components/buttons ${got.replace("|", " / ")}; card 0 has ${want.replace("|", " / ")} — make every card alike`,
          );
      }
    },
  },
];

/** MPM, SPM and catalog templates (§1.7 notes). */
export const productRules: R[] = [
  {
    code: "mpm.header.required",
    severity: "error",
    source: "§1.7 MPM template: HEADER TEXT required · M-MPM",
    description: "A template with an MPM button has a TEXT header.",
    check(t, report) {
      if (t.buttons.some((b) => b.type === "MPM") && t.header?.format !== "TEXT")
        report(
          t.header ? [...t.header.path, "format"] : ["components"],
          "multi-product (MPM) templates need a TEXT header (≤ 60 chars)",
        );
    },
  },
  {
    code: "spm.header.product",
    severity: "error",
    source: "§1.2 HEADER PRODUCT (SPM) · M-SPM",
    description: "A single-product (SPM) template outside a carousel has a PRODUCT header.",
    check(t, report) {
      if (!t.carousel && t.buttons.some((b) => b.type === "SPM") && t.header?.format !== "PRODUCT")
        report(
          t.header ? [...t.header.path, "format"] : ["components"],
          "single-product (SPM) templates need a HEADER with format PRODUCT",
        );
    },
  },
  {
    code: "spm.body.length",
    severity: "error",
    source: "§1.7 SPM: card body ≤ 160 · M-SPM",
    description: "The body of a single-product (SPM) template is at most 160 characters.",
    check(t, report) {
      if (t.carousel || !t.body || !t.buttons.some((b) => b.type === "SPM")) return;
      const text = str(t.body.raw["text"]);
      if (text !== undefined && cpLength(text) > 160)
        report([...t.body.path, "text"], `SPM body text ${q(text)} is ${cpLength(text)} chars; the limit is 160`);
    },
  },
];
