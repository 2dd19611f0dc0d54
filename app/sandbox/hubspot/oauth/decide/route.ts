import { handleAuthorizeDecision } from "@/server/sandbox/hubspot/ui/authorize";

export const POST = handleAuthorizeDecision;
