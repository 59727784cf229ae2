/**
 * A normalized, read-only view of one template definition, built once per check so that every rule reads
 * upper-cased types and pre-scanned placeholders instead of re-walking the raw object.
 */
import type { PathSegments } from "../problem.ts";
import { type ScannedText, scanPlaceholders } from "./placeholders.ts";
import { arr, isRec, type Rec, rec, str, upper } from "./util.ts";

/** A component with its upper-cased `type`/`format`. */
export interface ComponentView {
  index: number;
  path: PathSegments;
  type: string;
  format: string;
  raw: Rec;
}

/** A button with its upper-cased `type`. */
export interface ButtonView {
  index: number;
  path: PathSegments;
  type: string;
  raw: Rec;
}

/** A text that may carry parameters (header text, body text, card body), with its examples. */
export interface TextView {
  role: "header" | "body" | "card_body";
  comp: ComponentView;
  text: string;
  scan: ScannedText;
}

/** One carousel card. */
export interface CardView {
  index: number;
  path: PathSegments;
  components: ComponentView[];
  header: ComponentView | undefined;
  body: ComponentView | undefined;
  buttonsComponent: ComponentView | undefined;
  buttons: ButtonView[];
}

/** The normalized template. */
export interface TemplateView {
  raw: Rec;
  category: string;
  parameterFormat: string;
  components: ComponentView[];
  header: ComponentView | undefined;
  body: ComponentView | undefined;
  footer: ComponentView | undefined;
  buttonsComponent: ComponentView | undefined;
  lto: ComponentView | undefined;
  carousel: ComponentView | undefined;
  buttons: ButtonView[];
  cards: CardView[];
  /** Every parameter-bearing text: header, body, card bodies (card headers carry no text). */
  texts: TextView[];
  /** Buttons of the template and of every card. */
  allButtons: ButtonView[];
}

function viewComponents(list: unknown, base: PathSegments): ComponentView[] {
  const out: ComponentView[] = [];
  arr(list).forEach((c, i) => {
    const raw = rec(c);
    out.push({ index: i, path: [...base, i], type: upper(raw["type"]), format: upper(raw["format"]), raw });
  });
  return out;
}

function viewButtons(comp: ComponentView | undefined): ButtonView[] {
  if (comp === undefined) return [];
  return arr(comp.raw["buttons"]).map((b, i) => {
    const raw = rec(b);
    return { index: i, path: [...comp.path, "buttons", i], type: upper(raw["type"]), raw };
  });
}

function first(list: ComponentView[], type: string): ComponentView | undefined {
  return list.find((c) => c.type === type);
}

function textOf(role: TextView["role"], comp: ComponentView | undefined, out: TextView[]): void {
  if (comp === undefined) return;
  const text = str(comp.raw["text"]);
  if (text === undefined) return;
  if (role === "header" && comp.format !== "TEXT" && comp.format !== "") return;
  out.push({ role, comp, text, scan: scanPlaceholders(text) });
}

/** Builds the view of one template definition (never throws, whatever the input). */
export function viewTemplate(def: unknown): TemplateView {
  const raw = rec(def);
  const components = viewComponents(raw["components"], ["components"]);
  const header = first(components, "HEADER");
  const body = first(components, "BODY");
  const buttonsComponent = first(components, "BUTTONS");
  const carousel = first(components, "CAROUSEL");
  const cards: CardView[] = [];
  if (carousel !== undefined) {
    arr(carousel.raw["cards"]).forEach((card, i) => {
      const path = [...carousel.path, "cards", i];
      const comps = viewComponents(isRec(card) ? card["components"] : undefined, [...path, "components"]);
      const bc = first(comps, "BUTTONS");
      cards.push({
        index: i,
        path,
        components: comps,
        header: first(comps, "HEADER"),
        body: first(comps, "BODY"),
        buttonsComponent: bc,
        buttons: viewButtons(bc),
      });
    });
  }
  const texts: TextView[] = [];
  textOf("header", header, texts);
  textOf("body", body, texts);
  for (const card of cards) textOf("card_body", card.body, texts);
  const buttons = viewButtons(buttonsComponent);
  const allButtons = buttons.concat(...cards.map((c) => c.buttons));
  return {
    raw,
    category: upper(raw["category"]),
    parameterFormat: upper(raw["parameter_format"]) || "POSITIONAL",
    components,
    header,
    body,
    footer: first(components, "FOOTER"),
    buttonsComponent,
    lto: first(components, "LIMITED_TIME_OFFER"),
    carousel,
    buttons,
    cards,
    texts,
    allButtons,
  };
}

/** True when a product-card carousel (card headers of format PRODUCT). */
export function isProductCarousel(t: TemplateView): boolean {
  return t.cards.some((c) => c.header?.format === "PRODUCT");
}
