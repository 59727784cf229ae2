/**
 * The non-template resource families: EventDestination, ResourceTags, DisplayName and RuntimeConfig. Each is a
 * `pulumi-nodejs:dynamic/whatsapp:<Family>` resource whose provider is the thin shim of `shim.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { DisplayNameInputs, DisplayNameOutputs } from "./impl/display-name.ts";
import type { EventDestinationInputs, EventDestinationOutputs } from "./impl/event-destination.ts";
import type { ResourceTagsInputs, ResourceTagsOutputs } from "./impl/resource-tags.ts";
import type { RuntimeConfigInputs, RuntimeConfigOutputs } from "./impl/runtime-config.ts";
import { shimProvider } from "./shim.ts";

type Args<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** Shim for EventDestination. */
export const eventDestinationProvider = shimProvider<EventDestinationInputs, EventDestinationOutputs>(
  "event-destination",
);
/** Shim for ResourceTags. */
export const resourceTagsProvider = shimProvider<ResourceTagsInputs, ResourceTagsOutputs>("resource-tags");
/** Shim for DisplayName. */
export const displayNameProvider = shimProvider<DisplayNameInputs, DisplayNameOutputs>("display-name");
/** Shim for RuntimeConfig. */
export const runtimeConfigProvider = shimProvider<RuntimeConfigInputs, RuntimeConfigOutputs>("runtime-config");

/** A WABA's event destination (SNS topic + role, or none). */
export class EventDestination extends pulumi.dynamic.Resource {
  declare readonly destinationArn: pulumi.Output<string | undefined>;
  constructor(name: string, args: Args<EventDestinationInputs>, opts?: pulumi.CustomResourceOptions) {
    super(eventDestinationProvider, name, { ...args }, opts, "whatsapp", "EventDestination");
  }
}

/** Ownership tags on a WABA or phone number. */
export class ResourceTags extends pulumi.dynamic.Resource {
  declare readonly arn: pulumi.Output<string>;
  constructor(name: string, args: Args<ResourceTagsInputs>, opts?: pulumi.CustomResourceOptions) {
    super(resourceTagsProvider, name, { ...args, arn: undefined }, opts, "whatsapp", "ResourceTags");
  }
}

/** Verification of a phone number's display name. */
export class DisplayName extends pulumi.dynamic.Resource {
  declare readonly actual: pulumi.Output<string>;
  declare readonly matches: pulumi.Output<boolean>;
  declare readonly manualStep: pulumi.Output<string>;
  constructor(name: string, args: Args<DisplayNameInputs>, opts?: pulumi.CustomResourceOptions) {
    super(
      displayNameProvider,
      name,
      { ...args, actual: undefined, matches: undefined, manualStep: undefined },
      opts,
      "whatsapp",
      "DisplayName",
    );
  }
}

/** A declared document in the runtime config table. */
export class RuntimeConfig extends pulumi.dynamic.Resource {
  declare readonly version: pulumi.Output<number>;
  declare readonly hash: pulumi.Output<string>;
  declare readonly manualSteps: pulumi.Output<string[]>;
  constructor(name: string, args: Args<RuntimeConfigInputs>, opts?: pulumi.CustomResourceOptions) {
    super(
      runtimeConfigProvider,
      name,
      { ...args, version: undefined, hash: undefined },
      opts,
      "whatsapp",
      "RuntimeConfig",
    );
  }
}
