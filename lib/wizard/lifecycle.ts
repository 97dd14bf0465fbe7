import type { SyncTrigger, WizardPurpose } from "@/lib/generated/prisma/client";
import { startLink } from "./start-link.ts";
import { startRelink } from "./start-relink.ts";
import { renewConsent } from "./start-renew.ts";
import { startSyncLogin } from "./start-sync-login.ts";

/**
 * Every wizard Saldo opens, one row per purpose: where it starts, what its finish does, what its
 * abort does. complete-wizard.ts and abort-wizard.ts read this table and nothing else about
 * purposes; each starter opens its wizard through open-wizard.ts.
 *
 * Finishing always: checks with XS2A that the session really finished, copies XS2A's connection
 * onto our row, marks it ACTIVE, stores the `shared` half (encrypted) when one came, and queues an
 * import (the page follows its progress). A re-link's import then retires the old connection.
 */
export interface WizardLifecycle {
  /** The use case that opens it (called by a page's server action). */
  start: (args: never) => Promise<unknown>;
  finish: {
    /** A `shared` connection's credential half must come with the finish (xs2a.js hands it over). */
    needsCredentialHalf: boolean;
    /** The trigger recorded on the import run that follows. */
    importTrigger: SyncTrigger;
    /** A renewed consent clears "remind me tomorrow". */
    clearsSnooze: boolean;
    audit: "bank.linked" | "bank.renewed" | null;
  };
  /** On abort (or a wizard abandoned for a day): delete the half-made connection, or keep it as it is. */
  abort: "discard_connection" | "keep_connection";
}

export const WIZARD_LIFECYCLE: Record<WizardPurpose, WizardLifecycle> = {
  /** "Add bank": a new connection. */
  LINK: {
    start: startLink,
    finish: { needsCredentialHalf: true, importTrigger: "LINK", clearsSnooze: false, audit: "bank.linked" },
    abort: "discard_connection",
  },
  /** A connection XS2A disabled: a new one that takes over its accounts. */
  RELINK: {
    start: startRelink,
    finish: { needsCredentialHalf: true, importTrigger: "LINK", clearsSnooze: false, audit: null },
    abort: "discard_connection",
  },
  /** "Renew now": a new consent for the same connection. */
  RENEW: {
    start: renewConsent,
    finish: { needsCredentialHalf: true, importTrigger: "RENEW", clearsSnooze: true, audit: "bank.renewed" },
    abort: "keep_connection",
  },
  /** "Sync now" for a bank that needs the login (`none`, or `full` fallen back). */
  SYNC: {
    start: startSyncLogin,
    finish: { needsCredentialHalf: false, importTrigger: "MANUAL", clearsSnooze: false, audit: null },
    abort: "keep_connection",
  },
};
