/**
 * Template reads shared by every template resource in a process: ONE paginated List per WABA per process run
 * (cached), and Gets through a bounded-concurrency gate. Writes keep the cached list in step.
 */
import {
  CreateWhatsAppMessageTemplateCommand,
  DeleteWhatsAppMessageTemplateCommand,
  GetWhatsAppMessageTemplateCommand,
  ListWhatsAppMessageTemplatesCommand,
  type SocialMessagingClient,
  type TemplateSummary,
  UpdateWhatsAppMessageTemplateCommand,
} from "@aws-sdk/client-socialmessaging";
import { callEum, collectPages, limitConcurrency } from "./client.ts";
import { isNotFound } from "./errors.ts";

/** One template as the List returns it, JSON-clean. */
export interface LiveSummary {
  name: string;
  language: string;
  metaTemplateId: string;
  status: string;
  category: string;
  quality: string;
}

/** Meta's template object as GetWhatsAppMessageTemplate returns it (parsed from its JSON string). */
export interface LiveTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  parameter_format?: string;
  message_send_ttl_seconds?: number;
  cta_url_link_tracking_opted_out?: boolean;
  rejected_reason?: string;
  previous_category?: string;
  components: Record<string, unknown>[];
}

const listCache = new Map<string, Promise<Map<string, LiveSummary>>>();
const getGate = limitConcurrency(Number(process.env.WABA_EUM_GET_CONCURRENCY ?? "8") || 8);

const keyOf = (name: string, language: string): string => `${name}|${language}`;

function toSummary(t: TemplateSummary): LiveSummary | undefined {
  if (!t.templateName || !t.templateLanguage || !t.metaTemplateId) return undefined;
  return {
    name: t.templateName,
    language: t.templateLanguage,
    metaTemplateId: t.metaTemplateId,
    status: t.templateStatus ?? "UNKNOWN",
    category: t.templateCategory ?? "UNKNOWN",
    quality: t.templateQualityScore ?? "UNKNOWN",
  };
}

/** Forgets every cached list (tests, and a new run in a long-lived process). */
export function clearTemplateCache(): void {
  listCache.clear();
}

/** The WABA's templates keyed `name|language`, listed once per process and shared. */
export function listTemplates(eum: SocialMessagingClient, wabaId: string): Promise<Map<string, LiveSummary>> {
  let p = listCache.get(wabaId);
  if (!p) {
    p = collectPages(
      (nextToken) =>
        callEum("ListWhatsAppMessageTemplates", wabaId, () =>
          eum.send(new ListWhatsAppMessageTemplatesCommand({ id: wabaId, maxResults: 100, nextToken })),
        ),
      (page) => page.templates,
      (page) => page.nextToken,
    ).then((items) => {
      const m = new Map<string, LiveSummary>();
      for (const t of items) {
        const s = toSummary(t);
        if (s) m.set(keyOf(s.name, s.language), s);
      }
      return m;
    });
    listCache.set(wabaId, p);
    p.catch(() => listCache.delete(wabaId));
  }
  return p;
}

/** The cached summary of one template, if the list has it. */
export async function findSummary(
  eum: SocialMessagingClient,
  wabaId: string,
  name: string,
  language: string,
): Promise<LiveSummary | undefined> {
  return (await listTemplates(eum, wabaId)).get(keyOf(name, language));
}

async function patchCache(wabaId: string, f: (m: Map<string, LiveSummary>) => void): Promise<void> {
  const p = listCache.get(wabaId);
  if (!p) return;
  try {
    f(await p);
  } catch {
    // a failed list is refetched next time; nothing to patch
  }
}

/** Upper-cases Meta's echoed component/format/button types and parses the JSON string. */
function parseLive(text: string): LiveTemplate {
  const raw = JSON.parse(text) as LiveTemplate;
  return { ...raw, components: Array.isArray(raw.components) ? raw.components : [] };
}

/** Gets one template by Meta id, or by name + language; undefined when it does not exist. */
export async function getTemplate(
  eum: SocialMessagingClient,
  wabaId: string,
  ref: { metaTemplateId: string } | { name: string; language: string },
): Promise<LiveTemplate | undefined> {
  const input =
    "metaTemplateId" in ref
      ? { id: wabaId, metaTemplateId: ref.metaTemplateId }
      : { id: wabaId, templateName: ref.name, templateLanguageCode: ref.language };
  const label = "metaTemplateId" in ref ? `${wabaId}/${ref.metaTemplateId}` : `${wabaId}/${ref.name}:${ref.language}`;
  try {
    const out = await getGate(() =>
      callEum("GetWhatsAppMessageTemplate", label, () => eum.send(new GetWhatsAppMessageTemplateCommand(input))),
    );
    return out.template ? parseLive(out.template) : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Creates a template from Meta's creation object; returns the id, status and category Meta answered with. */
export async function createTemplate(
  eum: SocialMessagingClient,
  wabaId: string,
  definition: Record<string, unknown> & { name: string; language: string },
): Promise<{ metaTemplateId: string; status: string; category: string }> {
  const out = await callEum(
    "CreateWhatsAppMessageTemplate",
    `${wabaId}/${definition.name}:${definition.language}`,
    () =>
      eum.send(
        new CreateWhatsAppMessageTemplateCommand({
          id: wabaId,
          templateDefinition: new TextEncoder().encode(JSON.stringify(definition)),
        }),
      ),
  );
  const res = {
    metaTemplateId: out.metaTemplateId ?? "",
    status: out.templateStatus ?? "PENDING",
    category: out.category ?? String(definition.category ?? ""),
  };
  await patchCache(wabaId, (m) =>
    m.set(keyOf(definition.name, definition.language), {
      name: definition.name,
      language: definition.language,
      metaTemplateId: res.metaTemplateId,
      status: res.status,
      category: res.category,
      quality: "UNKNOWN",
    }),
  );
  return res;
}

/** Edits a template in place (components, category, parameter format, link tracking). */
export async function updateTemplate(
  eum: SocialMessagingClient,
  wabaId: string,
  metaTemplateId: string,
  edit: {
    components?: unknown[];
    category?: string;
    parameterFormat?: string;
    ctaUrlLinkTrackingOptedOut?: boolean;
  },
): Promise<void> {
  await callEum("UpdateWhatsAppMessageTemplate", `${wabaId}/${metaTemplateId}`, () =>
    eum.send(
      new UpdateWhatsAppMessageTemplateCommand({
        id: wabaId,
        metaTemplateId,
        ...(edit.components ? { templateComponents: new TextEncoder().encode(JSON.stringify(edit.components)) } : {}),
        ...(edit.category ? { templateCategory: edit.category } : {}),
        ...(edit.parameterFormat ? { parameterFormat: edit.parameterFormat.toLowerCase() } : {}),
        ...(edit.ctaUrlLinkTrackingOptedOut !== undefined
          ? { ctaUrlLinkTrackingOptedOut: edit.ctaUrlLinkTrackingOptedOut }
          : {}),
      }),
    ),
  );
}

/** Deletes ONE language of a template by its Meta id; false when it was already gone. */
export async function deleteTemplateLanguage(
  eum: SocialMessagingClient,
  wabaId: string,
  name: string,
  language: string,
  metaTemplateId: string,
): Promise<boolean> {
  try {
    await callEum("DeleteWhatsAppMessageTemplate", `${wabaId}/${name}:${language} (${metaTemplateId})`, () =>
      eum.send(new DeleteWhatsAppMessageTemplateCommand({ id: wabaId, templateName: name, metaTemplateId })),
    );
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  } finally {
    await patchCache(wabaId, (m) => {
      if (m.get(keyOf(name, language))?.metaTemplateId === metaTemplateId) m.delete(keyOf(name, language));
    });
  }
}
