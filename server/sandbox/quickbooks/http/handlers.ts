import { sandboxDb, type SandboxDb } from "../store/db";
import { createAdminHandler } from "./admin";
import { createApiHandler } from "./api";
import { createOAuthHandler } from "./oauth";
import { sandboxDisabledResponse, sandboxQuickBooksEnabled } from "../enabled";

/**
 * The sandbox QuickBooks Online as Web-standard handlers, one per URL prefix, whatever the mount
 * point (`/sandbox/quickbooks` in the app, anything in tests).
 */
export interface SandboxHandlers {
  api: (request: Request) => Promise<Response>;
  oauth: (request: Request) => Promise<Response>;
  admin: (request: Request) => Promise<Response>;
  /** Routes any sandbox URL to the right handler. */
  all: (request: Request) => Promise<Response>;
}

/** Every route answers 404 where the sandbox is off (production against the real QuickBooks). */
const whenEnabled =
  (handler: (request: Request) => Promise<Response>) =>
  async (request: Request): Promise<Response> =>
    sandboxQuickBooksEnabled() ? handler(request) : sandboxDisabledResponse();

export function createSandboxHandlers(db: SandboxDb): SandboxHandlers {
  const api = whenEnabled(createApiHandler({ db }));
  const oauth = whenEnabled(createOAuthHandler({ db }));
  const admin = whenEnabled(createAdminHandler({ db }));
  return {
    api,
    oauth,
    admin,
    all: (request) => {
      const path = new URL(request.url).pathname;
      if (path.includes("/v3/company/")) return api(request);
      if (path.includes("/admin")) return admin(request);
      return oauth(request);
    },
  };
}

let defaultHandlers: SandboxHandlers | undefined;

/** Handlers on the sandbox's own pool (what the Next routes mount). */
export function sandboxHandlers(): SandboxHandlers {
  defaultHandlers ??= createSandboxHandlers(sandboxDb());
  return defaultHandlers;
}
