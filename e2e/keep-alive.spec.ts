import { Agent, request } from "node:http";
import { expect, test } from "@playwright/test";

/** GETs `url` through `agent`, telling whether the request went over a connection already open. */
function get(agent: Agent, url: URL): Promise<{ status: number; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, reusedSocket: req.reusedSocket }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("an idle connection stays open past Node's 5 s default, so a client reusing it doesn't race its close", async ({ baseURL }) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL("/sign-in", baseURL);
  try {
    expect(await get(agent, url)).toEqual({ status: 200, reusedSocket: false });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await get(agent, url)).toEqual({ status: 200, reusedSocket: true });
  } finally {
    agent.destroy();
  }
});
