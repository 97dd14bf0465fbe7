// Saldo's own lint rules: boundaries that a glob cannot express.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const EXTS = [".ts", ".tsx", "/index.ts", ""];

/** The file an import names (`@/…` or relative), or null for packages. */
function resolve(spec, fromFile) {
  let base;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(fromFile), spec);
  else return null;
  for (const ext of EXTS) {
    const p = base + ext;
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return null;
}

/** Value imports of a file (type-only imports are erased and never reach the browser). */
function valueImports(file) {
  const src = fs.readFileSync(file, "utf8");
  const out = [];
  const re = /^\s*(import|export)\s+(?!type\b)(?:[^'";]*?\bfrom\s*)?["']([^"']+)["']/gm;
  for (const m of src.matchAll(re)) out.push(m[2]);
  return { src, specs: out };
}

const SERVER_MARK = /^\s*import\s+["']server-only["']/m;
const serverCache = new Map();

/** Why a module (or anything it imports) cannot run in the browser, or null. */
function serverReason(file, seen = new Set()) {
  if (serverCache.has(file)) return serverCache.get(file);
  if (seen.has(file)) return null;
  seen.add(file);
  const { src, specs } = valueImports(file);
  // Server actions are called from the client by reference: Next.js sends only their id.
  if (/^\s*["']use server["']/m.test(src)) {
    serverCache.set(file, null);
    return null;
  }
  let reason = null;
  if (SERVER_MARK.test(src)) reason = `${path.relative(root, file)} is server-only`;
  for (const spec of specs) {
    if (reason) break;
    if (spec.startsWith("node:") || spec === "pg" || spec === "pg-boss" || spec === "@prisma/client")
      reason = `${path.relative(root, file)} imports ${spec}`;
    const target = resolve(spec, file);
    if (target && /\.(ts|tsx)$/.test(target)) {
      const inner = serverReason(target, seen);
      if (inner) reason = inner;
    }
  }
  serverCache.set(file, reason);
  return reason;
}

const isClientFile = (program) =>
  program.body.some((n) => n.type === "ExpressionStatement" && n.directive === "use client");

export default {
  rules: {
    /** A "use client" module may not import (even through others) a module that only runs on the server. */
    "client-imports-no-server": {
      meta: {
        type: "problem",
        schema: [],
        messages: { server: "A client component imports server code: {{reason}}." },
      },
      create(context) {
        return {
          Program(program) {
            if (!isClientFile(program)) return;
            for (const node of program.body) {
              if (node.type !== "ImportDeclaration" || node.importKind === "type") continue;
              if (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type")) continue;
              const spec = node.source.value;
              // Server actions are called from the client by reference: Next.js sends only their id.
              const target = resolve(spec, context.filename);
              if (target && /^\s*["']use server["']/m.test(fs.readFileSync(target, "utf8"))) continue;
              const reason =
                spec.startsWith("node:") || spec === "pg" || spec === "pg-boss"
                  ? `it imports ${spec}`
                  : target && /\.(ts|tsx)$/.test(target)
                    ? serverReason(target)
                    : null;
              if (reason) context.report({ node, messageId: "server", data: { reason } });
            }
          },
        };
      },
    },
    /** A lib/ module that talks to the database says so: `import "server-only"` keeps it out of the browser bundle. */
    "server-only-with-db": {
      meta: {
        type: "problem",
        schema: [],
        messages: { mark: 'This module uses the database: add `import "server-only";`.' },
      },
      create(context) {
        return {
          Program(program) {
            const src = context.sourceCode.text;
            if (SERVER_MARK.test(src)) return;
            const usesDb = program.body.some(
              (n) =>
                n.type === "ImportDeclaration" &&
                n.importKind !== "type" &&
                !n.specifiers.every((s) => s.importKind === "type") &&
                (n.source.value === "@/lib/db" || n.source.value === "pg"),
            );
            if (usesDb) context.report({ node: program, messageId: "mark" });
          },
        };
      },
    },
  },
};
