/**
 * The template type the rules take: the generated type of schemas/message-template.schema.json.
 * Rules still read every field defensively, so a schema-invalid object is safe to pass.
 */
export type { MessageTemplateDefinition } from "../../../schemas/generated/message-template.ts";
