export { createSandbox, type Sandbox, type SandboxOptions } from "./handler";
export { startSandboxServer, type SandboxServer, type SandboxServerOptions } from "./server";
export { BANKS, TESTBANK_CODE, type SandboxBank } from "./banks";
export { createState } from "./state";
export type { SandboxState } from "./types";
