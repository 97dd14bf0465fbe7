// Persisting state as one JSON file, written atomically (temp file + rename) so a crash never leaves
// half a file behind.

import fs from "node:fs";
import path from "node:path";
import { createState } from "./state";
import type { SandboxState } from "./types";

export function loadState(filePath: string): SandboxState {
  if (!fs.existsSync(filePath)) return createState();
  const parsed = JSON.parse(fs.readFileSync(filePath, "utf8")) as SandboxState;
  if (parsed.version !== 1) throw new Error(`unsupported sandbox state version in ${filePath}`);
  return { ...createState(parsed.seed), ...parsed };
}

export function saveState(filePath: string, state: SandboxState): void {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const tmp = `${filePath}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, filePath);
}
