// Offline replacement for `prisma migrate dev|deploy` and `prisma db push`.
// Uses @prisma/schema-engine-wasm (an npm package) + a Prisma driver adapter,
// so no native schema-engine binary has to be downloaded.
//
//   node prisma/db.mjs push              # like `prisma db push`
//   node prisma/db.mjs dev <name>        # like `prisma migrate dev --name <name>`
//   node prisma/db.mjs deploy            # like `prisma migrate deploy`
//   node prisma/db.mjs diff              # print SQL from empty DB to schema
//
// DATABASE_URL=postgresql://...  -> @prisma/adapter-pg (real PostgreSQL)
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
const root = process.cwd();
const schemaPath = path.join(root, "prisma/schema.prisma");
const migrationsDir = path.join(root, "prisma/migrations");
const url = process.env.DATABASE_URL ?? "";
if (!/^postgres(ql)?:\/\//.test(url)) {
  console.error("DATABASE_URL must be a postgresql:// URL (npm run db:* scripts start the embedded server for you).");
  process.exit(2);
}
let patchPgCharType = async () => {};

async function makeFactory() {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    // @prisma/adapter-pg cannot map PostgreSQL's internal "char" type (OID 18), which the
    // schema engine reads from pg_catalog (e.g. pg_constraint.contype) when describing a
    // schema: "Column type 'char' could not be deserialized from the database".
    // Patch the adapter's queryable prototype to report such columns as Character.
    patchPgCharType = async (factory) => {
      const { ColumnTypeEnum } = await import("@prisma/driver-adapter-utils");
      const probe = await factory.connect();
      const proto = Object.getPrototypeOf(Object.getPrototypeOf(probe)); // PgQueryable.prototype
      const adapterProto = Object.getPrototypeOf(probe); // PrismaPgAdapter.prototype
      await probe.dispose();
      // PrismaPgAdapter.executeScript() splits a migration on every ";", which cuts a
      // dollar-quoted function body (a plpgsql trigger) into pieces. PostgreSQL runs a
      // multi-statement script sent as one simple query itself, atomically.
      if (!adapterProto.__scriptPatched) {
        adapterProto.__scriptPatched = true;
        adapterProto.executeScript = async function (script) {
          try {
            await this.client.query(script);
          } catch (error) {
            this.onError(error);
          }
        };
      }
      if (proto.__charPatched) return;
      proto.__charPatched = true;
      const charCols = new WeakMap();
      const performIO = proto.performIO;
      proto.performIO = async function (query) {
        const res = await performIO.call(this, query);
        const idx = [];
        res?.fields?.forEach((f, i) => {
          if (f.dataTypeID === 18) {
            f.dataTypeID = 25;
            idx.push(i);
          }
        });
        if (idx.length) charCols.set(res.rows, idx);
        return res;
      };
      const queryRaw = proto.queryRaw;
      proto.queryRaw = async function (query) {
        const out = await queryRaw.call(this, query);
        for (const i of charCols.get(out.rows) ?? []) out.columnTypes[i] = ColumnTypeEnum.Character;
        return out;
      };
    };
    // Pass discrete fields, not { connectionString }: PrismaPg.connectToShadowDb() spreads the
    // config and overrides `database`, but pg lets a connectionString win over `database`,
    // so the "shadow" database would silently be the main one.
    const { parse } = await import("pg-connection-string");
    const c = parse(url);
    const config = {
      host: c.host,
      port: c.port ? Number(c.port) : 5432,
      user: c.user,
      password: c.password,
      database: c.database,
    };
    const factory = new PrismaPg(config);
    // PrismaPg's own connectToShadowDb() drops the shadow database before closing its pool,
    // which fails with "is being accessed by other users". Close first, then drop.
    factory.connectToShadowDb = async () => {
      const { default: pg } = await import("pg");
      const admin = new pg.Client(config);
      await admin.connect();
      const name = `prisma_shadow_${process.pid}_${Date.now()}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      const adapter = await new PrismaPg({ ...config, database: name }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
        await admin.end();
      };
      return adapter;
    };
    await patchPgCharType(factory);
    return { factory, close: async () => {} };
  }
}

// The wasm engine reports Rust panics through this global.
globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (m) => console.error(`schema-engine panic: ${m}`) };

async function loadEngineClass() {
  const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = path.join(
    path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
    "schema_engine_bg.wasm",
  );
  const mod = new WebAssembly.Module(fs.readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(mod, { "./schema_engine_bg.js": runtime });
  runtime.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return runtime.SchemaEngine;
}

function schemaFiles() {
  return { files: [{ path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") }] };
}

function migrationsList() {
  const dirs = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const p = path.join(migrationsDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(p)
            ? { tag: "ok", value: fs.readFileSync(p, "utf8") }
            : { tag: "error", value: "missing migration.sql" },
        },
      };
    }),
  };
}

const filters = { externalTables: [], externalEnums: [] };

async function main() {
  const [cmd, name = "migration"] = process.argv.slice(2);
  const { factory, close } = await makeFactory();
  const SchemaEngine = await loadEngineClass();
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const schema = schemaFiles();
  const engine = await SchemaEngine.new(
    { datamodels: schema.files.map((f) => [f.path, f.content]) },
    (m) => process.env.DEBUG_SE && console.error(m),
    adapter,
  );
  try {
    if (cmd === "push") {
      const r = await engine.schemaPush({ force: process.argv.includes("--force"), schema, filters });
      console.log(`db push: executed ${r.executedSteps} step(s)`, r.warnings.length ? r.warnings : "");
    } else if (cmd === "deploy") {
      const r = await engine.applyMigrations({ migrationsList: migrationsList(), filters });
      console.log(`migrate deploy: applied [${r.appliedMigrationNames.join(", ")}]`);
    } else if (cmd === "dev") {
      const list = migrationsList();
      // Same order as the Prisma CLI. createMigration only finds the shadow database that
      // devDiagnostic set up on this engine; without it (or after applyMigrations applied
      // something) it fails with "PostgreSQL shadow DB must be provided through an external factory".
      const diag = await engine.devDiagnostic({ migrationsList: list, filters });
      if (diag.action.tag === "reset") throw new Error(`migrate dev needs a reset: ${diag.action.reason}`);
      const pending = await engine.applyMigrations({ migrationsList: list, filters });
      if (pending.appliedMigrationNames.length) {
        console.log(`migrate dev: applied pending [${pending.appliedMigrationNames.join(", ")}]`);
        await engine.devDiagnostic({ migrationsList: list, filters });
      }
      const out = await engine.createMigration({
        draft: process.argv.includes("--create-only"),
        migrationName: name,
        migrationsList: list,
        schema,
        filters,
      });
      if (out.migrationScript == null) {
        console.log("migrate dev: already in sync, no new migration");
      } else {
        const dir = path.join(migrationsDir, out.generatedMigrationName);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `migration.${out.extension}`), out.migrationScript);
        const lock = path.join(migrationsDir, "migration_lock.toml");
        if (!fs.existsSync(lock))
          fs.writeFileSync(
            lock,
            `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`,
          );
        if (process.argv.includes("--create-only")) {
          console.log(`migrate dev: created ${out.generatedMigrationName} (not applied: --create-only)`);
          return;
        }
        const r = await engine.applyMigrations({ migrationsList: migrationsList(), filters });
        console.log(
          `migrate dev: created ${out.generatedMigrationName}, applied [${r.appliedMigrationNames.join(", ")}]`,
        );
      }
    } else if (cmd === "diff") {
      const r = await engine.diff({
        from: { tag: "empty" },
        to: { tag: "schemaDatamodel", ...schema },
        script: true,
        exitCode: null,
        filters,
      });
      process.stdout.write(r.stdout ?? "");
    } else {
      throw new Error(`unknown command ${cmd}`);
    }
  } finally {
    engine.free();
    await close();
  }
}

// The wasm engine leaves a ~10 s timer behind; exit explicitly when done.
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
