import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** What each procedure answers and takes, straight from the router (never re-declared). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type OverviewItem = RouterOutputs["sync"]["overview"][number];
export type SyncObject = OverviewItem["object"];
export type RecordItem = RouterOutputs["sync"]["records"]["items"][number];
export type RecordState = RecordItem["state"];
export type RecordSort = NonNullable<RouterInputs["sync"]["records"]["sort"]>;
export type RecordDetail = RouterOutputs["sync"]["record"];
export type ActivityEntry = RecordDetail["activity"][number];
export type Direction = OverviewItem["direction"];
export type ConflictWinner = OverviewItem["conflictWinner"];
export type Mapping = RouterOutputs["mappings"]["list"]["mappings"][number];
export type AvailableFields = RouterOutputs["mappings"]["availableFields"];
export type SyncFilter = RouterOutputs["filters"]["list"][number];
export type FilterCondition = SyncFilter["conditions"][number];
export type PreflightCheck = RouterOutputs["sync"]["preflight"]["checks"][number];
export type ConnectionSummary = RouterOutputs["connections"]["list"][number];
