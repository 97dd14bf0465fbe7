export function dataDirFor(name: string, repoRoot?: string): string;
export function freePort(): Promise<number>;
export function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  detached?: boolean;
}): Promise<{
  port: number;
  url(db: string): string;
  stop(): Promise<void>;
}>;
export function ensureDatabase(serverUrl: string, db: string): Promise<void>;
