/** Fixtures for interactive session messages (§2.1). */
import { checkInteractiveMessage } from "../../../../../src/config/rules/index.ts";
import { type CaseGroup, type Doc, mut } from "../support.ts";

export const replyButtons: Doc = {
  type: "button",
  header: { type: "text", text: "Main menu" },
  body: { text: "Hi! How can we help you today?" },
  footer: { text: "Lucky Shrub" },
  action: {
    buttons: [
      { type: "reply", reply: { id: "orders", title: "My orders" } },
      { type: "reply", reply: { id: "shop", title: "Shop" } },
      { type: "reply", reply: { id: "agent", title: "Talk to a person" } },
    ],
  },
};

export const list: Doc = {
  type: "list",
  header: { type: "text", text: "Help centre" },
  body: { text: "Pick a topic and we will get you the answer." },
  footer: { text: "Replies within minutes" },
  action: {
    button: "See topics",
    sections: [
      {
        title: "Orders",
        rows: [
          { id: "track", title: "Track an order", description: "Where is my parcel?" },
          { id: "return", title: "Return an item" },
        ],
      },
      { title: "Account", rows: [{ id: "address", title: "Change address" }] },
    ],
  },
};

const ctaUrl: Doc = {
  type: "cta_url",
  header: { type: "image", image: { link: "https://cdn.example.com/banner.png" } },
  body: { text: "See our new arrivals." },
  action: { name: "cta_url", parameters: { display_text: "Open shop", url: "https://shop.example.com" } },
};

const location: Doc = {
  type: "location_request_message",
  body: { text: "Share your location so we can find the nearest store." },
  action: { name: "send_location" },
};

const flow: Doc = {
  type: "flow",
  body: { text: "Book a delivery slot." },
  action: {
    name: "flow",
    parameters: {
      flow_message_version: "3",
      flow_token: "unused",
      flow_id: "1234567890",
      flow_cta: "Book now",
      flow_action: "navigate",
      flow_action_payload: { screen: "SLOTS", data: { zone: "north" } },
      mode: "published",
    },
  },
};

const mediaCard = (i: number) => ({
  card_index: i,
  type: "cta_url",
  header: { type: "image", image: { link: `https://cdn.example.com/${i}.png` } },
  body: { text: `Plant ${i}` },
  action: { name: "cta_url", parameters: { display_text: "Buy now", url: `https://shop.example.com/p/${i}` } },
});
const mediaCarousel: Doc = {
  type: "carousel",
  body: { text: "Our picks this week" },
  action: { cards: [0, 1].map(mediaCard) },
};

const qrCarousel: Doc = mut(mediaCarousel, (d) => {
  for (const c of d.action.cards)
    c.action = {
      buttons: [{ type: "quick_reply", quick_reply: { id: `more-${c.card_index}`, title: "More like this" } }],
    };
});

const productCarousel: Doc = {
  type: "carousel",
  body: { text: "Back in stock" },
  action: {
    cards: [0, 1].map((i) => ({
      card_index: i,
      type: "product",
      action: { product_retailer_id: `sku-${i}`, catalog_id: "cat-1" },
    })),
  },
};

const voiceCall: Doc = {
  type: "voice_call",
  body: { text: "Questions? Call us from WhatsApp." },
  action: { name: "voice_call", parameters: { display_text: "Call now", ttl_minutes: 100 } },
};

const btn = (d: Doc) => d.action.buttons;
const rows = (d: Doc) => d.action.sections[0].rows;
const fp = (d: Doc) => d.action.parameters;
const row = (i: number) => ({ id: `r${i}`, title: `Row ${i}` });

/** Interactive message rules. */
export const interactiveGroup: CaseGroup = {
  name: "checkInteractiveMessage",
  check: checkInteractiveMessage,
  bases: [replyButtons, list, ctaUrl, location, flow, mediaCarousel, qrCarousel, productCarousel, voiceCall],
  cases: [
    { code: "interactive.type", note: "unknown type", fail: mut(replyButtons, (d) => (d.type = "buttons")) },
    { code: "interactive.body.required", note: "no body", fail: mut(replyButtons, (d) => delete d.body) },
    {
      code: "interactive.body.length",
      note: "1025 chars in a button message",
      fail: mut(replyButtons, (d) => (d.body.text = "b".repeat(1025))),
      pass: mut(list, (d) => (d.body.text = "b".repeat(4096))),
    },
    {
      code: "interactive.body.length",
      note: "list body 4097",
      fail: mut(list, (d) => (d.body.text = "b".repeat(4097))),
    },
    { code: "interactive.footer.length", note: "61 chars", fail: mut(list, (d) => (d.footer.text = "f".repeat(61))) },
    {
      code: "interactive.header.type",
      note: "image header on a list",
      fail: mut(list, (d) => (d.header = { type: "image", image: { link: "https://x/y.png" } })),
      pass: mut(replyButtons, (d) => (d.header = { type: "image", image: { link: "https://x/y.png" } })),
    },
    {
      code: "interactive.header.type",
      note: "footer on a carousel",
      fail: mut(mediaCarousel, (d) => (d.footer = { text: "x" })),
    },
    {
      code: "interactive.header.text.length",
      note: "61 chars",
      fail: mut(list, (d) => (d.header.text = "h".repeat(61))),
    },
    // reply buttons
    {
      code: "interactive.button.count",
      note: "4 buttons",
      fail: mut(replyButtons, (d) => btn(d).push({ type: "reply", reply: { id: "x", title: "X" } })),
    },
    { code: "interactive.button.count", note: "no buttons", fail: mut(replyButtons, (d) => (d.action.buttons = [])) },
    { code: "interactive.button.type", note: "type url", fail: mut(replyButtons, (d) => (btn(d)[0].type = "url")) },
    {
      code: "interactive.button.title.length",
      note: "21 chars",
      fail: mut(replyButtons, (d) => (btn(d)[2].reply.title = "Talk to a real person")),
      pass: mut(replyButtons, (d) => (btn(d)[2].reply.title = "t".repeat(20))),
    },
    {
      code: "interactive.button.title.unique",
      note: "same title",
      fail: mut(replyButtons, (d) => (btn(d)[1].reply.title = "My orders")),
    },
    {
      code: "interactive.button.id.length",
      note: "257 chars",
      fail: mut(replyButtons, (d) => (btn(d)[0].reply.id = "i".repeat(257))),
    },
    {
      code: "interactive.button.id.unique",
      note: "same id",
      fail: mut(replyButtons, (d) => (btn(d)[1].reply.id = "orders")),
    },
    // lists
    {
      code: "interactive.list.button.length",
      note: "21 chars",
      fail: mut(list, (d) => (d.action.button = "See all of our topics")),
    },
    {
      code: "interactive.list.sections.count",
      note: "11 sections",
      fail: mut(
        list,
        (d) => (d.action.sections = Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: [] }))),
      ),
    },
    {
      code: "interactive.list.section.title",
      note: "missing with 2 sections",
      fail: mut(list, (d) => delete d.action.sections[1].title),
    },
    {
      code: "interactive.list.section.title",
      note: "25 chars",
      fail: mut(list, (d) => (d.action.sections[0].title = "s".repeat(25))),
    },
    {
      code: "interactive.list.rows.total",
      note: "11 rows across sections",
      fail: mut(list, (d) => d.action.sections[1].rows.push(...Array.from({ length: 8 }, (_, i) => row(i)))),
      pass: mut(list, (d) => d.action.sections[1].rows.push(...Array.from({ length: 7 }, (_, i) => row(i)))),
    },
    {
      code: "interactive.list.row.id.length",
      note: "201 chars",
      fail: mut(list, (d) => (rows(d)[0].id = "i".repeat(201))),
    },
    {
      code: "interactive.list.row.title.length",
      note: "25 chars",
      fail: mut(list, (d) => (rows(d)[0].title = "t".repeat(25))),
    },
    {
      code: "interactive.list.row.description.length",
      note: "73 chars",
      fail: mut(list, (d) => (rows(d)[0].description = "d".repeat(73))),
    },
    // CTA URL, location, flow, voice call
    {
      code: "interactive.cta_url.display_text.length",
      note: "21 chars",
      fail: mut(ctaUrl, (d) => (fp(d).display_text = "Open the shop for you")),
    },
    { code: "interactive.cta_url.url", note: "no scheme", fail: mut(ctaUrl, (d) => (fp(d).url = "shop.example.com")) },
    {
      code: "interactive.location_request.action",
      note: "wrong action name",
      fail: mut(location, (d) => (d.action.name = "location")),
    },
    { code: "interactive.flow.version", note: "version 2", fail: mut(flow, (d) => (fp(d).flow_message_version = "2")) },
    {
      code: "interactive.flow.target",
      note: "both id and name",
      fail: mut(flow, (d) => (fp(d).flow_name = "booking")),
    },
    { code: "interactive.flow.target", note: "neither", fail: mut(flow, (d) => delete fp(d).flow_id) },
    { code: "interactive.flow.cta.required", note: "missing", fail: mut(flow, (d) => delete fp(d).flow_cta) },
    {
      code: "interactive.flow.cta.length",
      note: "21 chars",
      fail: mut(flow, (d) => (fp(d).flow_cta = "Book your delivery!!!")),
      pass: mut(flow, (d) => (fp(d).flow_cta = "Book your delivery!")),
    },
    { code: "interactive.flow.cta.emoji", note: "emoji", fail: mut(flow, (d) => (fp(d).flow_cta = "Book 📦")) },
    { code: "interactive.flow.mode", note: "live", fail: mut(flow, (d) => (fp(d).mode = "live")) },
    { code: "interactive.flow.action", note: "open", fail: mut(flow, (d) => (fp(d).flow_action = "open")) },
    {
      code: "interactive.flow.navigate_payload",
      note: "no screen",
      fail: mut(flow, (d) => delete fp(d).flow_action_payload.screen),
    },
    {
      code: "interactive.flow.navigate_payload",
      note: "empty data",
      fail: mut(flow, (d) => (fp(d).flow_action_payload.data = {})),
    },
    {
      code: "interactive.voice_call.display_text.length",
      note: "21 chars",
      fail: mut(voiceCall, (d) => (fp(d).display_text = "c".repeat(21))),
    },
    {
      code: "interactive.voice_call.ttl",
      note: "43201 minutes",
      fail: mut(voiceCall, (d) => (fp(d).ttl_minutes = 43_201)),
      pass: mut(voiceCall, (d) => (fp(d).ttl_minutes = 43_200)),
    },
    // carousels
    { code: "interactive.carousel.cards.count", note: "1 card", fail: mut(mediaCarousel, (d) => d.action.cards.pop()) },
    {
      code: "interactive.carousel.card_index",
      note: "index 10",
      fail: mut(mediaCarousel, (d) => (d.action.cards[1].card_index = 10)),
    },
    {
      code: "interactive.carousel.card_index",
      note: "duplicate index",
      fail: mut(mediaCarousel, (d) => (d.action.cards[1].card_index = 0)),
    },
    {
      code: "interactive.carousel.card.header",
      note: "document header",
      fail: mut(mediaCarousel, (d) => (d.action.cards[0].header = { type: "document", document: { link: "x" } })),
    },
    {
      code: "interactive.carousel.card.body.length",
      note: "161 chars",
      fail: mut(mediaCarousel, (d) => (d.action.cards[0].body.text = "b".repeat(161))),
    },
    {
      code: "interactive.carousel.card.body.line_breaks",
      note: "3 line breaks",
      fail: mut(mediaCarousel, (d) => (d.action.cards[0].body.text = "a\nb\nc\nd")),
      pass: mut(mediaCarousel, (d) => (d.action.cards[0].body.text = "a\nb\nc")),
    },
    {
      code: "interactive.carousel.card.action",
      note: "no action",
      fail: mut(mediaCarousel, (d) => (d.action.cards[0].action = {})),
    },
    {
      code: "interactive.carousel.card.action",
      note: "quick reply title 21",
      fail: mut(qrCarousel, (d) => (d.action.cards[0].action.buttons[0].quick_reply.title = "q".repeat(21))),
    },
    {
      code: "interactive.carousel.card.uniform",
      note: "url card next to quick-reply card",
      fail: mut(mediaCarousel, (d) => (d.action.cards[1].action = qrCarousel.action.cards[1].action)),
    },
    {
      code: "interactive.carousel.product",
      note: "different catalogs",
      fail: mut(productCarousel, (d) => (d.action.cards[1].action.catalog_id = "cat-2")),
    },
    {
      code: "interactive.carousel.product",
      note: "no retailer id",
      fail: mut(productCarousel, (d) => delete d.action.cards[0].action.product_retailer_id),
    },
  ],
};
