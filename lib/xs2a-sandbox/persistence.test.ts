import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { startSandboxServer } from "./server";
import { API_KEY, client } from "./test-helpers";

it("persists state to the file (atomically) and loads it on restart", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xs2a-sandbox-"));
  const statePath = path.join(dir, "nested", "state.json");
  const first = await startSandboxServer({ port: 0, apiKey: API_KEY, statePath });
  const user = (await client(first.url, API_KEY)("PUT", "/v1/api/users", { name: "Persisted" })).body;
  await client(first.url, API_KEY)("POST", "/__sandbox/clock/advance", { days: 2 });
  await first.close();
  expect(fs.readdirSync(path.dirname(statePath))).toEqual(["state.json"]);
  const second = await startSandboxServer({ port: 0, apiKey: API_KEY, statePath });
  expect((await client(second.url, API_KEY)("GET", `/v1/api/users/${user.id}`)).body.name).toBe("Persisted");
  expect((await client(second.url, API_KEY)("GET", "/__sandbox/clock")).body.offsetDays).toBe(2);
  await second.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
