import { templateGroup } from "./cases/template-cases.ts";
import { runGroup } from "./harness.ts";

runGroup(templateGroup);
