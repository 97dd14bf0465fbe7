// Static widget assets: /xs2a.js and /xs2a.css (public, any origin).

import { XS2A_CSS } from "../widget/xs2a-css";
import { XS2A_JS } from "../widget/xs2a-js";
import { route } from "./context";

const asset = (body: string, type: string) => () =>
  new Response(body, {
    status: 200,
    headers: {
      "content-type": `${type}; charset=utf-8`,
      "access-control-allow-origin": "*",
      "cache-control": "no-cache",
    },
  });

export const widgetRoutes = [
  route("GET", "/xs2a.js", "public", asset(XS2A_JS, "application/javascript")),
  route("GET", "/xs2a.css", "public", asset(XS2A_CSS, "text/css")),
];
