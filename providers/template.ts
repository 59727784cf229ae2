/** WhatsApp message template resources: one per name + language, reconciled with EUM under Meta's lifecycle. */
import * as pulumi from "@pulumi/pulumi";
import type { TemplateInputs, TemplateOutputs } from "./impl/template.ts";
import { shimProvider } from "./shim.ts";

/** Arguments of a Template. */
export interface TemplateArgs {
  wabaId: pulumi.Input<string>;
  name: pulumi.Input<string>;
  language: pulumi.Input<string>;
  /** Meta's creation object for this language, as declared. */
  definition: pulumi.Input<Record<string, unknown>>;
  /** Take over an existing different template with this name and language. */
  adopt?: pulumi.Input<boolean>;
  /** Keep the template at Meta when the resource is deleted. */
  retain?: pulumi.Input<boolean>;
}

/** The serialized shim shared by every Template (one object, so Pulumi serializes it once per run). */
export const templateProvider = shimProvider<TemplateInputs, TemplateOutputs>("template");

/** One message template language at Meta (type `pulumi-nodejs:dynamic/whatsapp:Template`). */
export class Template extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly language: pulumi.Output<string>;
  declare readonly metaTemplateId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly category: pulumi.Output<string>;
  declare readonly quality: pulumi.Output<string>;
  declare readonly rejectionReason: pulumi.Output<string>;
  declare readonly editHistory: pulumi.Output<string[]>;

  constructor(name: string, args: TemplateArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      templateProvider,
      name,
      {
        ...args,
        metaTemplateId: undefined,
        status: undefined,
        category: undefined,
        quality: undefined,
        rejectionReason: undefined,
        editHistory: undefined,
      },
      opts,
      "whatsapp",
      "Template",
    );
  }
}
