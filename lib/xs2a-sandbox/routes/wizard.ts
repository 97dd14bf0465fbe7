// The two wizard transports: the Wizard-API (access token) and xs2a.js's `/jsonp` (the session key
// is the credential, so it answers any origin).

import { requireUser } from "../auth";
import { CORS_HEADERS, json, notFound } from "../http";
import { sessionByKey } from "../lookup";
import { runWizard } from "../wizard/engine";
import { route } from "./context";

export const wizardRoutes = [
  route("POST", "/v1/api/wizard", "user", async (ctx) => {
    const userId = requireUser(ctx.principal);
    const body = await ctx.body();
    const session = sessionByKey(ctx.state, body.key);
    if (!session || session.userId !== userId) throw notFound("Wizard session");
    return json(runWizard(ctx.state, session, body).response);
  }),
  route(
    "POST",
    "/jsonp",
    "public",
    async (ctx) => {
      let body = await ctx.body();
      // The mobile SDKs send `key=…&data=<json>`; xs2a.js sends plain JSON. Accept both.
      if (typeof body.data === "string") {
        try {
          body = { ...(JSON.parse(body.data) as Record<string, unknown>), key: body.key };
        } catch {
          body = { key: body.key };
        }
      }
      const session = sessionByKey(ctx.state, body.key);
      if (!session) return json({ code: 404, message: "Wizard session not found." }, 404, CORS_HEADERS);
      const result = runWizard(ctx.state, session, body);
      return json(
        {
          ...result.response,
          language: session.language,
          step: result.step,
          callback: result.callback,
          callbackParams: result.callbackParams,
          errorCode: result.errorCode,
        },
        200,
        CORS_HEADERS,
      );
    },
    true,
  ),
];
