import { json } from "../domain/errors";
import { accessTokenInfo, exchangeToken, OAuthError, refreshTokenInfo, revokeRefreshToken } from "../oauth/tokens";

async function formOf(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return new URLSearchParams(await request.text());
  if (type.includes("multipart/form-data")) {
    const form = await request.formData();
    return new URLSearchParams([...form.entries()].map(([k, v]) => [k, String(v)]));
  }
  return new URLSearchParams(await request.text());
}

/** The OAuth endpoints under `/oauth/v1`; `path` is what follows it. */
export async function handleOAuth(request: Request, segments: string[]): Promise<Response> {
  try {
    const [resource, token] = segments;
    if (resource === "token" && request.method === "POST" && !token) return json(await exchangeToken(await formOf(request)));
    if (resource === "access-tokens" && token && request.method === "GET") return json(await accessTokenInfo(token));
    if (resource === "refresh-tokens" && token && request.method === "GET") return json(await refreshTokenInfo(token));
    if (resource === "refresh-tokens" && token && request.method === "DELETE") {
      await revokeRefreshToken(token);
      return new Response(null, { status: 204 });
    }
    return json({ status: "error", message: "Not found", category: "OBJECT_NOT_FOUND" }, 404);
  } catch (error) {
    if (error instanceof OAuthError) return json(error.body(), error.httpStatus);
    throw error;
  }
}
