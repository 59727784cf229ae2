/** Every EUM operation through the real @aws-sdk/client-socialmessaging against the emulator. */
import {
  AssociateWhatsAppBusinessAccountCommand,
  CreateWhatsAppFlowCommand,
  CreateWhatsAppMessageTemplateCommand,
  CreateWhatsAppMessageTemplateFromLibraryCommand,
  DeleteWhatsAppFlowCommand,
  DeleteWhatsAppMessageTemplateCommand,
  DeprecateWhatsAppFlowCommand,
  DisassociateWhatsAppBusinessAccountCommand,
  GetLinkedWhatsAppBusinessAccountCommand,
  GetLinkedWhatsAppBusinessAccountPhoneNumberCommand,
  GetWhatsAppFlowCommand,
  GetWhatsAppFlowPreviewCommand,
  GetWhatsAppMessageTemplateCommand,
  ListLinkedWhatsAppBusinessAccountsCommand,
  ListTagsForResourceCommand,
  ListWhatsAppFlowAssetsCommand,
  ListWhatsAppFlowsCommand,
  ListWhatsAppMessageTemplatesCommand,
  ListWhatsAppTemplateLibraryCommand,
  PublishWhatsAppFlowCommand,
  PutWhatsAppBusinessAccountEventDestinationsCommand,
  paginateListLinkedWhatsAppBusinessAccounts,
  paginateListWhatsAppFlows,
  paginateListWhatsAppMessageTemplates,
  paginateListWhatsAppTemplateLibrary,
  type SocialMessagingClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateWhatsAppFlowAssetsCommand,
  UpdateWhatsAppFlowCommand,
  UpdateWhatsAppMessageTemplateCommand,
} from "@aws-sdk/client-socialmessaging";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, type RunningEmulator, startEmulator } from "../../../src/emulator/index.ts";
import { enc, eumClient, failure, PHONE, PHONE_ARN, PHONE_MX, utilityTemplate, WABA, WABA_ARN } from "./client.ts";

let emu: RunningEmulator;
let eum: SocialMessagingClient;
const clock = new ManualClock(Date.UTC(2026, 5, 1));

beforeAll(async () => {
  emu = await startEmulator({ clock, reviewDelayMs: 60_000 });
  eum = eumClient(emu.url);
});
afterAll(async () => {
  eum.destroy();
  await emu.stop();
});
beforeEach(() => {
  emu.admin.reset();
});

const VALID_FLOW = {
  version: "7.3",
  screens: [{ id: "WELCOME", title: "Hi", terminal: true, layout: { type: "SingleColumnLayout", children: [] } }],
};

describe("WABA and phone operations", () => {
  it("lists, gets by id and ARN, and returns epoch-second linkDate as a Date", async () => {
    const list = await eum.send(new ListLinkedWhatsAppBusinessAccountsCommand({}));
    expect(list.linkedAccounts?.map((a) => a.id)).toEqual([WABA]);
    expect(list.linkedAccounts?.[0]?.linkDate).toEqual(new Date(1767225600 * 1000));
    expect(list.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const byArn = await eum.send(new GetLinkedWhatsAppBusinessAccountCommand({ id: WABA_ARN }));
    expect(byArn.account?.wabaId).toBe("310000000000001");
    expect(byArn.account?.wabaName).toBe("Acme Retail (local)");
    expect(byArn.account?.registrationStatus).toBe("COMPLETE");
    expect(byArn.account?.phoneNumbers?.map((p) => p.displayPhoneNumber)).toEqual([
      "+91 98765 00001",
      "+52 55 0000 0002",
    ]);
    const phone = await eum.send(new GetLinkedWhatsAppBusinessAccountPhoneNumberCommand({ id: PHONE_ARN }));
    expect(phone.phoneNumber).toMatchObject({
      phoneNumberId: PHONE,
      metaPhoneNumberId: "420000000000001",
      displayPhoneNumberName: "Acme Retail",
      qualityRating: "GREEN",
    });
    expect(phone.linkedWhatsAppBusinessAccountId).toBe(WABA);
  });

  it("answers unknown ids with ResourceNotFoundException and bad ids with ValidationException", async () => {
    const nf = await failure(() =>
      eum.send(new GetLinkedWhatsAppBusinessAccountCommand({ id: "waba-ffffffffffffffffffffffffffffffff" })),
    );
    expect(nf.name).toBe("ResourceNotFoundException");
    expect(nf.$metadata?.httpStatusCode).toBe(404);
    const bad = await failure(() => eum.send(new GetLinkedWhatsAppBusinessAccountPhoneNumberCommand({ id: "nope" })));
    expect(bad.name).toBe("ValidationException");
    expect(bad.message).toContain("at 'id' failed to satisfy constraint");
    const missing = await failure(() => eum.send(new GetLinkedWhatsAppBusinessAccountCommand({} as { id: string })));
    expect(missing.name).toBe("ValidationException");
    expect(missing.message).toContain("Member must not be null");
  });

  it("replaces event destinations (0–1) and rejects two or a bad ARN", async () => {
    const topic = "arn:aws:sns:us-east-1:111122223333:waba-events";
    await eum.send(
      new PutWhatsAppBusinessAccountEventDestinationsCommand({
        id: WABA,
        eventDestinations: [{ eventDestinationArn: topic }],
      }),
    );
    const got = await eum.send(new GetLinkedWhatsAppBusinessAccountCommand({ id: WABA }));
    expect(got.account?.eventDestinations).toEqual([{ eventDestinationArn: topic }]);
    const two = await failure(() =>
      eum.send(
        new PutWhatsAppBusinessAccountEventDestinationsCommand({
          id: WABA,
          eventDestinations: [{ eventDestinationArn: topic }, { eventDestinationArn: topic }],
        }),
      ),
    );
    expect(two.name).toBe("ValidationException");
    const role = await failure(() =>
      eum.send(
        new PutWhatsAppBusinessAccountEventDestinationsCommand({
          id: WABA,
          eventDestinations: [{ eventDestinationArn: topic, roleArn: "not-a-role" }],
        }),
      ),
    );
    expect(role.name).toBe("ValidationException");
    await eum.send(new PutWhatsAppBusinessAccountEventDestinationsCommand({ id: WABA, eventDestinations: [] }));
    expect(
      (await eum.send(new GetLinkedWhatsAppBusinessAccountCommand({ id: WABA }))).account?.eventDestinations,
    ).toEqual([]);
    const unknown = await failure(() =>
      eum.send(
        new PutWhatsAppBusinessAccountEventDestinationsCommand({
          id: "waba-ffffffffffffffffffffffffffffffff",
          eventDestinations: [],
        }),
      ),
    );
    expect(unknown.name).toBe("InvalidParametersException");
  });

  it("tags and untags WABA and phone ARNs; other ARNs are invalid parameters", async () => {
    const tag = await eum.send(
      new TagResourceCommand({
        resourceArn: WABA_ARN,
        tags: [
          { key: "env", value: "dev" },
          { key: "team", value: "a" },
        ],
      }),
    );
    expect(tag.statusCode).toBe(200);
    await eum.send(new TagResourceCommand({ resourceArn: WABA_ARN, tags: [{ key: "env", value: "prod" }] }));
    await eum.send(new UntagResourceCommand({ resourceArn: WABA_ARN, tagKeys: ["team"] }));
    const list = await eum.send(new ListTagsForResourceCommand({ resourceArn: WABA_ARN }));
    expect(list.tags).toEqual([{ key: "env", value: "prod" }]);
    await eum.send(new TagResourceCommand({ resourceArn: PHONE_ARN, tags: [{ key: "k" }] }));
    expect((await eum.send(new ListTagsForResourceCommand({ resourceArn: PHONE_ARN }))).tags).toEqual([{ key: "k" }]);
    const other = await failure(() =>
      eum.send(new ListTagsForResourceCommand({ resourceArn: "arn:aws:sns:us-east-1:111122223333:t" })),
    );
    expect(other.name).toBe("InvalidParametersException");
    const longKey = await failure(() =>
      eum.send(new TagResourceCommand({ resourceArn: WABA_ARN, tags: [{ key: "k".repeat(129) }] })),
    );
    expect(longKey.name).toBe("ValidationException");
  });

  it("associates a WABA in two steps, paginates over >1 page, enforces 25 WABAs, and disassociates", async () => {
    const ids: string[] = [];
    for (let n = 0; n < 24; n++) {
      const cb = await eum.send(
        new AssociateWhatsAppBusinessAccountCommand({ signupCallback: { accessToken: `tok${n}` } }),
      );
      const token = cb.signupCallbackResult?.associateInProgressToken as string;
      const [metaWabaId, pending] =
        Object.entries(cb.signupCallbackResult?.linkedAccountsWithIncompleteSetup ?? {})[0] ?? [];
      expect(pending?.registrationStatus).toBe("INCOMPLETE");
      const phone = pending?.unregisteredWhatsAppPhoneNumbers?.[0]?.phoneNumberId as string;
      const fin = await eum.send(
        new AssociateWhatsAppBusinessAccountCommand({
          setupFinalization: {
            associateInProgressToken: token,
            phoneNumbers: [{ id: phone, twoFactorPin: "123456" }],
            waba: { id: metaWabaId, tags: [{ key: "n", value: String(n) }] },
          },
        }),
      );
      expect(fin.linkedWhatsAppBusinessAccountId).toMatch(/^waba-[0-9a-f]{32}$/);
      ids.push(fin.linkedWhatsAppBusinessAccountId as string);
    }
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListLinkedWhatsAppBusinessAccounts({ client: eum, pageSize: 10 }, {})) {
      pages++;
      seen.push(...(page.linkedAccounts ?? []).map((a) => a.id as string));
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([WABA, ...ids]);
    const cb = await eum.send(new AssociateWhatsAppBusinessAccountCommand({ signupCallback: { accessToken: "x" } }));
    const pending = Object.values(cb.signupCallbackResult?.linkedAccountsWithIncompleteSetup ?? {})[0];
    const limit = await failure(() =>
      eum.send(
        new AssociateWhatsAppBusinessAccountCommand({
          setupFinalization: {
            associateInProgressToken: cb.signupCallbackResult?.associateInProgressToken as string,
            phoneNumbers: [
              { id: pending?.unregisteredWhatsAppPhoneNumbers?.[0]?.phoneNumberId as string, twoFactorPin: "123456" },
            ],
          },
        }),
      ),
    );
    expect(limit.name).toBe("LimitExceededException");
    const both = await failure(() => eum.send(new AssociateWhatsAppBusinessAccountCommand({})));
    expect(both.name).toBe("InvalidParametersException");
    await eum.send(new DisassociateWhatsAppBusinessAccountCommand({ id: ids[0] as string }));
    const gone = await failure(() => eum.send(new GetLinkedWhatsAppBusinessAccountCommand({ id: ids[0] as string })));
    expect(gone.name).toBe("ResourceNotFoundException");
    const maxResults = await failure(() =>
      eum.send(new ListLinkedWhatsAppBusinessAccountsCommand({ maxResults: 101 })),
    );
    expect(maxResults.name).toBe("ValidationException");
    const token = await failure(() =>
      eum.send(new ListLinkedWhatsAppBusinessAccountsCommand({ nextToken: "garbage" })),
    );
    expect(token.name).toBe("InvalidParametersException");
  });
});

describe("template operations", () => {
  it("creates PENDING, reviews after the delay, and reads Meta's template object back as a JSON string", async () => {
    const created = await eum.send(
      new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(utilityTemplate("order_shipped")) }),
    );
    expect(created).toMatchObject({ templateStatus: "PENDING", category: "UTILITY" });
    expect(created.metaTemplateId).toMatch(/^\d+$/);
    clock.advance(60_000);
    const got = await eum.send(
      new GetWhatsAppMessageTemplateCommand({ id: WABA, templateName: "order_shipped", templateLanguageCode: "en_US" }),
    );
    const t = JSON.parse(got.template as string);
    expect(t).toMatchObject({
      id: created.metaTemplateId,
      status: "APPROVED",
      category: "UTILITY",
      parameter_format: "POSITIONAL",
    });
    expect(t.components[0]).toEqual({
      type: "HEADER",
      format: "TEXT",
      text: "Order {{1}}",
      example: { header_text: ["#123"] },
    });
    expect(t.components[3].buttons[0]).toEqual({ type: "QUICK_REPLY", text: "Thanks" });
    const byId = await eum.send(
      new GetWhatsAppMessageTemplateCommand({ id: WABA, metaTemplateId: created.metaTemplateId }),
    );
    expect(byId.template).toBe(got.template);
  });

  it("rejects adjacent parameters with INVALID_FORMAT and answers malformed definitions synchronously", async () => {
    const def = utilityTemplate("bad_adjacent");
    (def.components as Record<string, unknown>[])[1] = {
      type: "BODY",
      text: "Hello {{1}} {{2}} thanks for shopping.",
      example: { body_text: [["a", "b"]] },
    };
    await eum.send(new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(def) }));
    clock.advance(60_000);
    const got = JSON.parse(
      (
        await eum.send(
          new GetWhatsAppMessageTemplateCommand({
            id: WABA,
            templateName: "bad_adjacent",
            templateLanguageCode: "en_US",
          }),
        )
      ).template as string,
    );
    expect(got).toMatchObject({ status: "REJECTED", rejected_reason: "INVALID_FORMAT" });
    const badName = await failure(() =>
      eum.send(
        new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(utilityTemplate("Bad-Name")) }),
      ),
    );
    expect(badName.name).toBe("InvalidParametersException");
    expect(badName.message).toContain('"Bad-Name"');
    const notJson = await failure(() =>
      eum.send(new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc("{nope") })),
    );
    expect(notJson.name).toBe("InvalidParametersException");
    const tooBig = await failure(() =>
      eum.send(new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc("x".repeat(6001)) })),
    );
    expect(tooBig.name).toBe("ValidationException");
    const dup = await failure(() =>
      eum.send(
        new CreateWhatsAppMessageTemplateCommand({
          id: WABA,
          templateDefinition: enc(utilityTemplate("bad_adjacent")),
        }),
      ),
    );
    expect(dup.message).toContain("2388024");
    const noWaba = await failure(() =>
      eum.send(
        new CreateWhatsAppMessageTemplateCommand({
          id: "waba-ffffffffffffffffffffffffffffffff",
          templateDefinition: enc(utilityTemplate("x")),
        }),
      ),
    );
    expect(noWaba.name).toBe("ResourceNotFoundException");
  });

  it("applies Meta's edit rules: editable statuses, one approved edit per 24 h, fixed category", async () => {
    const c = await eum.send(
      new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(utilityTemplate("edit_me")) }),
    );
    const id = c.metaTemplateId as string;
    const comps = utilityTemplate("edit_me").components as Record<string, unknown>[];
    const pending = await failure(() =>
      eum.send(
        new UpdateWhatsAppMessageTemplateCommand({ id: WABA, metaTemplateId: id, templateComponents: enc(comps) }),
      ),
    );
    expect(pending.name).toBe("AccessDeniedByMetaException");
    clock.advance(60_000);
    await eum.send(
      new UpdateWhatsAppMessageTemplateCommand({ id: WABA, metaTemplateId: id, templateComponents: enc(comps) }),
    );
    const afterEdit = JSON.parse(
      (await eum.send(new GetWhatsAppMessageTemplateCommand({ id: WABA, metaTemplateId: id }))).template as string,
    );
    expect(afterEdit.status).toBe("PENDING");
    clock.advance(60_000);
    const second = await failure(() =>
      eum.send(
        new UpdateWhatsAppMessageTemplateCommand({ id: WABA, metaTemplateId: id, templateComponents: enc(comps) }),
      ),
    );
    expect(second.name).toBe("AccessDeniedByMetaException");
    expect(second.message).toContain("once per 24 hours");
    clock.advance(24 * 3600_000);
    const category = await failure(() =>
      eum.send(
        new UpdateWhatsAppMessageTemplateCommand({ id: WABA, metaTemplateId: id, templateCategory: "MARKETING" }),
      ),
    );
    expect(category.message).toContain("cannot be changed");
    await eum.send(
      new UpdateWhatsAppMessageTemplateCommand({
        id: WABA,
        templateName: "edit_me",
        templateLanguageCode: "en_US",
        templateComponents: enc(comps),
        ctaUrlLinkTrackingOptedOut: true,
      }),
    );
    const tooLong = await failure(() =>
      eum.send(
        new UpdateWhatsAppMessageTemplateCommand({
          id: WABA,
          metaTemplateId: id,
          templateComponents: enc("x".repeat(3001)),
        }),
      ),
    );
    expect(tooLong.name).toBe("ValidationException");
    const neither = await failure(() =>
      eum.send(new UpdateWhatsAppMessageTemplateCommand({ id: WABA, templateCategory: "UTILITY" })),
    );
    expect(neither.name).toBe("InvalidParametersException");
  });

  it("deletes one language by id, all languages by name, and locks the name for 30 days", async () => {
    const en = await eum.send(
      new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(utilityTemplate("bye")) }),
    );
    await eum.send(
      new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(utilityTemplate("bye", "es_MX")) }),
    );
    await eum.send(
      new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(utilityTemplate("bye", "pt_BR")) }),
    );
    await eum.send(
      new DeleteWhatsAppMessageTemplateCommand({ id: WABA, templateName: "bye", metaTemplateId: en.metaTemplateId }),
    );
    let names = (await eum.send(new ListWhatsAppMessageTemplatesCommand({ id: WABA }))).templates?.map(
      (t) => `${t.templateName}/${t.templateLanguage}`,
    );
    expect(names).toEqual(["hello_world/en_US", "bye/es_MX", "bye/pt_BR"]);
    await eum.send(
      new DeleteWhatsAppMessageTemplateCommand({ id: WABA, templateName: "bye", deleteAllLanguages: true }),
    );
    names = (await eum.send(new ListWhatsAppMessageTemplatesCommand({ id: WABA }))).templates?.map(
      (t) => t.templateName as string,
    );
    expect(names).toEqual(["hello_world"]);
    const locked = await failure(() =>
      eum.send(new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(utilityTemplate("bye")) })),
    );
    expect(locked.name).toBe("AccessDeniedByMetaException");
    clock.advance(31 * 24 * 3600_000);
    await eum.send(
      new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(utilityTemplate("bye")) }),
    );
    const nf = await failure(() =>
      eum.send(new DeleteWhatsAppMessageTemplateCommand({ id: WABA, templateName: "nothing" })),
    );
    expect(nf.name).toBe("ResourceNotFoundException");
  });

  it("paginates templates and enforces the per-WABA template limit", async () => {
    for (let n = 0; n < 7; n++)
      await eum.send(
        new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(utilityTemplate(`t_${n}`)) }),
      );
    const pages: number[] = [];
    for await (const p of paginateListWhatsAppMessageTemplates({ client: eum, pageSize: 3 }, { id: WABA }))
      pages.push(p.templates?.length ?? 0);
    expect(pages).toEqual([3, 3, 2]);
    emu.admin.setTemplateLimit(WABA, 8);
    const limit = await failure(() =>
      eum.send(
        new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(utilityTemplate("one_more")) }),
      ),
    );
    expect(limit.name).toBe("InvalidParametersException");
    expect(limit.message).toContain("2388019");
  });

  it("lists and filters the library, paginates it, and creates an approved template from it", async () => {
    const all: string[] = [];
    for await (const p of paginateListWhatsAppTemplateLibrary({ client: eum, pageSize: 4 }, { id: WABA }))
      all.push(...(p.metaLibraryTemplates ?? []).map((t) => t.templateName as string));
    expect(all.length).toBe(6);
    const filtered = await eum.send(
      new ListWhatsAppTemplateLibraryCommand({ id: WABA, filters: { topic: "PAYMENTS" } }),
    );
    expect(filtered.metaLibraryTemplates?.map((t) => t.templateName)).toEqual(["payment_reminder_1"]);
    const badFilter = await failure(() =>
      eum.send(new ListWhatsAppTemplateLibraryCommand({ id: WABA, filters: { color: "red" } })),
    );
    expect(badFilter.name).toBe("InvalidParametersException");
    const created = await eum.send(
      new CreateWhatsAppMessageTemplateFromLibraryCommand({
        id: WABA,
        metaLibraryTemplate: {
          templateName: "my_order_confirmation",
          libraryTemplateName: "order_confirmation_1",
          templateCategory: "UTILITY",
          templateLanguage: "en_US",
          libraryTemplateButtonInputs: [{ type: "URL", url: { base_url: "https://acme.example/o/{{1}}" } }],
          libraryTemplateBodyInputs: { addContactNumber: true },
        },
      }),
    );
    expect(created).toMatchObject({ templateStatus: "APPROVED", category: "UTILITY" });
    const t = JSON.parse(
      (await eum.send(new GetWhatsAppMessageTemplateCommand({ id: WABA, metaTemplateId: created.metaTemplateId })))
        .template as string,
    );
    expect(t.library_template_name).toBe("order_confirmation_1");
    const missingInput = await failure(() =>
      eum.send(
        new CreateWhatsAppMessageTemplateFromLibraryCommand({
          id: WABA,
          metaLibraryTemplate: {
            templateName: "x_confirmation",
            libraryTemplateName: "order_confirmation_1",
            templateCategory: "UTILITY",
            templateLanguage: "en_US",
          },
        }),
      ),
    );
    expect(missingInput.name).toBe("InvalidParametersException");
  });
});

describe("flow operations", () => {
  it("runs DRAFT → PUBLISHED → DEPRECATED with validation errors as data", async () => {
    const bad = await eum.send(
      new CreateWhatsAppFlowCommand({
        id: WABA,
        flowName: "survey",
        categories: ["SURVEY"],
        flowJson: enc({ version: "1.0" }),
      }),
    );
    expect(bad.validationErrors?.length).toBeGreaterThan(0);
    const flowId = bad.flowId as string;
    const cannot = await failure(() => eum.send(new PublishWhatsAppFlowCommand({ id: WABA, flowId })));
    expect(cannot.name).toBe("InvalidParametersException");
    const fixed = await eum.send(new UpdateWhatsAppFlowAssetsCommand({ id: WABA, flowId, flowJson: enc(VALID_FLOW) }));
    expect(fixed.validationErrors).toEqual([]);
    await eum.send(
      new UpdateWhatsAppFlowCommand({ id: WABA, flowId, flowName: "survey v2", categories: ["SURVEY", "OTHER"] }),
    );
    await eum.send(new PublishWhatsAppFlowCommand({ id: WABA, flowId }));
    const got = await eum.send(new GetWhatsAppFlowCommand({ id: WABA, flowId }));
    expect(got).toMatchObject({
      flowName: "survey v2",
      flowStatus: "PUBLISHED",
      jsonVersion: "7.3",
      categories: ["SURVEY", "OTHER"],
    });
    expect(got.whatsAppBusinessAccount?.id).toBe("310000000000001");
    const del = await failure(() => eum.send(new DeleteWhatsAppFlowCommand({ id: WABA, flowId })));
    expect(del.name).toBe("InvalidParametersException");
    const assets = await eum.send(new ListWhatsAppFlowAssetsCommand({ id: WABA, flowId }));
    expect(assets.flowAssets?.[0]?.assetType).toBe("FLOW_JSON");
    const downloaded = await fetch(assets.flowAssets?.[0]?.downloadUrl as string).then((r) => r.json());
    expect(downloaded).toEqual(VALID_FLOW);
    const p1 = await eum.send(new GetWhatsAppFlowPreviewCommand({ id: WABA, flowId }));
    const p2 = await eum.send(new GetWhatsAppFlowPreviewCommand({ id: WABA, flowId, invalidate: true }));
    expect(p2.preview?.previewUrl).not.toBe(p1.preview?.previewUrl);
    await eum.send(new DeprecateWhatsAppFlowCommand({ id: WABA, flowId }));
    expect((await eum.send(new GetWhatsAppFlowCommand({ id: WABA, flowId }))).flowStatus).toBe("DEPRECATED");
    const again = await failure(() => eum.send(new DeprecateWhatsAppFlowCommand({ id: WABA, flowId })));
    expect(again.name).toBe("InvalidParametersException");
  });

  it("publishes at creation, clones, deletes drafts, paginates and validates input", async () => {
    const pub = await eum.send(
      new CreateWhatsAppFlowCommand({
        id: WABA,
        flowName: "signup",
        categories: ["SIGN_UP"],
        flowJson: enc(VALID_FLOW),
        publish: true,
      }),
    );
    expect((await eum.send(new GetWhatsAppFlowCommand({ id: WABA, flowId: pub.flowId as string }))).flowStatus).toBe(
      "PUBLISHED",
    );
    const clone = await eum.send(
      new CreateWhatsAppFlowCommand({
        id: WABA,
        flowName: "signup copy",
        categories: ["SIGN_UP"],
        cloneFlowId: pub.flowId,
      }),
    );
    expect(clone.validationErrors).toEqual([]);
    await eum.send(new DeleteWhatsAppFlowCommand({ id: WABA, flowId: clone.flowId as string }));
    const nf = await failure(() => eum.send(new GetWhatsAppFlowCommand({ id: WABA, flowId: clone.flowId as string })));
    expect(nf.name).toBe("ResourceNotFoundException");
    for (let n = 0; n < 4; n++)
      await eum.send(new CreateWhatsAppFlowCommand({ id: WABA, flowName: `f${n}`, categories: ["OTHER"] }));
    const sizes: number[] = [];
    for await (const p of paginateListWhatsAppFlows({ client: eum, pageSize: 2 }, { id: WABA }))
      sizes.push(p.flows?.length ?? 0);
    expect(sizes).toEqual([2, 2, 1]);
    const firstPage = await eum.send(new ListWhatsAppFlowsCommand({ id: WABA, maxResults: 2 }));
    expect(firstPage.flows?.[0]).toMatchObject({
      flowStatus: "PUBLISHED",
      flowCategories: ["SIGN_UP"],
      validationErrors: [],
    });
    expect(firstPage.nextToken).toEqual(expect.any(String));
    const dupName = await failure(() =>
      eum.send(new CreateWhatsAppFlowCommand({ id: WABA, flowName: "f0", categories: ["OTHER"] })),
    );
    expect(dupName.name).toBe("InvalidParametersException");
    const badCategory = await failure(() =>
      eum.send(new CreateWhatsAppFlowCommand({ id: WABA, flowName: "z", categories: ["NOPE" as "OTHER"] })),
    );
    expect(badCategory.name).toBe("ValidationException");
    const noCategories = await failure(() =>
      eum.send(new CreateWhatsAppFlowCommand({ id: WABA, flowName: "z", categories: [] })),
    );
    expect(noCategories.name).toBe("ValidationException");
  });
});

describe("faults and retries", () => {
  it("throws each injected error class with the right fault, and the SDK retries a single throttle", async () => {
    for (const error of [
      "ThrottledRequestException",
      "DependencyException",
      "InternalServiceException",
      "AccessDeniedException",
    ] as const) {
      emu.admin.injectFault({ operation: "ListWhatsAppMessageTemplates", error });
      const err = await failure(() => eum.send(new ListWhatsAppMessageTemplatesCommand({ id: WABA })));
      expect(err.name).toBe(error);
    }
    await eum.send(new ListWhatsAppMessageTemplatesCommand({ id: WABA }));
    const retrying = eumClient(emu.url, 3);
    emu.admin.injectFault({
      operation: "GetLinkedWhatsAppBusinessAccount",
      error: "ThrottledRequestException",
      count: 1,
    });
    const ok = await retrying.send(new GetLinkedWhatsAppBusinessAccountCommand({ id: WABA }));
    expect(ok.$metadata.attempts).toBe(2);
    expect(emu.admin.callCounts().GetLinkedWhatsAppBusinessAccount).toBe(2);
    retrying.destroy();
  });

  it("adds latency without failing", async () => {
    emu.admin.injectFault({ operation: "GetLinkedWhatsAppBusinessAccountPhoneNumber", latencyMs: 150, count: 1 });
    const t0 = performance.now();
    await eum.send(new GetLinkedWhatsAppBusinessAccountPhoneNumberCommand({ id: PHONE_MX }));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });
});
