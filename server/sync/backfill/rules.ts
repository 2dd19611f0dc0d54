import { FieldError } from "../../auth/field-error";
import type { SideAdapter } from "../engine/adapter";
import type { ObjectEnv } from "../engine/object-env";
import { sendsTo } from "../engine/sync-one";
import { other } from "../engine/merge";
import { BACKFILL_OBJECTS, sourceSideOf, type BackfillDirection } from "./scope";

/**
 * Checks that the object's sync can take a backfill that way (on, and copying records that way)
 * and returns the reading side's dated pages. Throws a FieldError naming the input at fault.
 */
export function assertBackfillable(env: ObjectEnv, direction: BackfillDirection): NonNullable<SideAdapter["pageByDate"]> {
  const side = sourceSideOf(direction);
  const pageByDate = env.adapters[side].pageByDate;
  if (!BACKFILL_OBJECTS.includes(env.spec.object) || !pageByDate) throw new FieldError("object", `${env.spec.noun}s have no backfill.`);
  if (!env.config.enabled) throw new FieldError("object", `The ${env.spec.noun} sync is off: switch it on before backfilling older ${env.spec.noun}s.`, "PRECONDITION_FAILED");
  if (!sendsTo(env, other(side))) {
    throw new FieldError("direction", `The ${env.spec.noun} sync doesn't copy ${env.spec.noun}s to ${direction === "to_hubspot" ? "HubSpot" : "QuickBooks"}: change its direction first.`);
  }
  return pageByDate;
}
