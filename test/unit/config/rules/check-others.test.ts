import { interactiveGroup } from "./cases/interactive-cases.ts";
import { orderDetailsGroup, orderStatusGroup, paymentConfigGroup } from "./cases/payment-cases.ts";
import { commandsGroup, iceBreakersGroup, profileGroup } from "./cases/profile-cases.ts";
import { secretsGroup } from "./cases/secret-cases.ts";
import { setGroup } from "./cases/set-cases.ts";
import { runGroup } from "./harness.ts";

for (const g of [
  setGroup,
  interactiveGroup,
  profileGroup,
  commandsGroup,
  iceBreakersGroup,
  paymentConfigGroup,
  orderDetailsGroup,
  orderStatusGroup,
  secretsGroup,
])
  runGroup(g);
