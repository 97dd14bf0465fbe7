import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";

/**
 * Every admin read and use case re-checks the role itself, even though the page or action in
 * front of it already did: a forgotten check upstream must not open admin data. Non-admins get
 * "not_found", the same answer as for a page that does not exist.
 */
export function assertAdmin(viewer: Viewer | null | undefined): asserts viewer is Viewer & { role: "ADMIN" } {
  if (!viewer || viewer.role !== "ADMIN") throw new AppError("not_found", "not found");
}
