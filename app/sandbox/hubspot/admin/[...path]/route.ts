import { handleHubSpotAdmin } from "@/server/sandbox/hubspot/http/admin";

export const dynamic = "force-dynamic";

export const GET = handleHubSpotAdmin;
export const POST = handleHubSpotAdmin;
export const PUT = handleHubSpotAdmin;
export const PATCH = handleHubSpotAdmin;
