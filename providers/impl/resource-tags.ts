/**
 * ResourceTags implementation: ownership tags on a WABA or phone number ARN. Only the keys this resource
 * declares are managed; tags set by others are left alone and ignored by drift detection.
 */
import { ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand } from "@aws-sdk/client-socialmessaging";
import { callEum } from "../../src/eum/client.ts";
import { isNotFound } from "../../src/eum/errors.ts";
import { resolveArn, sameJson } from "./common.ts";
import { eumClient, hasUnknown, jsonClean, warn } from "./settings.ts";

export { configure } from "./settings.ts";

/** Inputs: the WABA/phone id or ARN and the tags to own. */
export interface ResourceTagsInputs {
  resourceId: string;
  tags: Record<string, string>;
}

/** Outputs: the inputs plus the resolved ARN. */
export interface ResourceTagsOutputs extends ResourceTagsInputs {
  arn: string;
}

/** Tag keys 1–128 chars, values ≤ 256. */
export async function check(_olds: unknown, news: ResourceTagsInputs) {
  const failures: { property: string; reason: string }[] = [];
  for (const [k, v] of Object.entries(news.tags ?? {})) {
    if (k.length < 1 || k.length > 128)
      failures.push({ property: `tags.${k}`, reason: "a tag key has 1–128 characters" });
    if (typeof v !== "string" || v.length > 256)
      failures.push({ property: `tags.${k}`, reason: "a tag value is a string of at most 256 characters" });
  }
  return { inputs: jsonClean({ resourceId: news.resourceId, tags: news.tags ?? {} }), failures };
}

/** Pure: changes when the owned tags differ; another resource id is another resource. */
export async function diff(_id: string, olds: ResourceTagsOutputs, news: ResourceTagsInputs) {
  if (hasUnknown(news))
    return { changes: true, replaces: hasUnknown(news.resourceId) ? ["resourceId"] : [], deleteBeforeReplace: false };
  const replaces = olds.resourceId !== news.resourceId ? ["resourceId"] : [];
  return { changes: replaces.length > 0 || !sameJson(olds.tags, news.tags), replaces, deleteBeforeReplace: false };
}

async function apply(arn: string, tags: Record<string, string>, remove: string[]): Promise<void> {
  const eum = eumClient();
  if (remove.length > 0)
    await callEum("UntagResource", arn, () =>
      eum.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: remove })),
    );
  const list = Object.entries(tags).map(([key, value]) => ({ key, value }));
  if (list.length > 0)
    await callEum("TagResource", arn, () => eum.send(new TagResourceCommand({ resourceArn: arn, tags: list })));
}

/** Tags the resource. */
export async function create(inputs: ResourceTagsInputs) {
  const arn = await resolveArn(eumClient(), inputs.resourceId);
  await apply(arn, inputs.tags, []);
  return { id: arn, outs: jsonClean({ ...inputs, arn }) };
}

/** Re-tags; removes keys we owned that are no longer declared. */
export async function update(_id: string, olds: ResourceTagsOutputs, news: ResourceTagsInputs) {
  const arn = olds.arn || (await resolveArn(eumClient(), news.resourceId));
  await apply(
    arn,
    news.tags,
    Object.keys(olds.tags ?? {}).filter((k) => !(k in news.tags)),
  );
  return { outs: jsonClean({ ...news, arn }) };
}

/** Live values of the owned keys; a missing key shows as drift. */
export async function read(id: string, props: ResourceTagsOutputs) {
  const eum = eumClient();
  const arn = props.arn || id;
  try {
    const out = await callEum("ListTagsForResource", arn, () =>
      eum.send(new ListTagsForResourceCommand({ resourceArn: arn })),
    );
    const live = new Map((out.tags ?? []).map((t) => [t.key ?? "", t.value ?? ""]));
    const tags: Record<string, string> = {};
    for (const k of Object.keys(props.tags ?? {})) {
      const v = live.get(k);
      if (v !== undefined) tags[k] = v;
    }
    if (!sameJson(tags, props.tags)) warn(`the tags of ${props.resourceId} were changed outside this stack`);
    return { id, props: jsonClean({ ...props, arn, tags }), inputs: jsonClean({ resourceId: props.resourceId, tags }) };
  } catch (err) {
    if (isNotFound(err)) return { id: "" };
    throw err;
  }
}

/** Removes only the owned keys. */
export async function del(id: string, props: ResourceTagsOutputs): Promise<void> {
  const keys = Object.keys(props.tags ?? {});
  if (keys.length === 0) return;
  const arn = props.arn || id;
  try {
    await callEum("UntagResource", arn, () =>
      eumClient().send(new UntagResourceCommand({ resourceArn: arn, tagKeys: keys })),
    );
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export { del as delete };
