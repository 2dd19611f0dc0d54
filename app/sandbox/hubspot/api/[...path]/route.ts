import { handleHubSpotApi } from "@/server/sandbox/hubspot/http/api";

export const dynamic = "force-dynamic";

export const GET = handleHubSpotApi;
export const POST = handleHubSpotApi;
export const PUT = handleHubSpotApi;
export const PATCH = handleHubSpotApi;
export const DELETE = handleHubSpotApi;
