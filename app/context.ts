import type { DB, DbKind } from "#db/client";
import type { Actor } from "~/modules/access/actor";

/** What the server hands every loader and action (server/app.ts builds it per request). */
export interface RequestLog {
  requestId: string;
  userId?: string;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    db: DB;
    dbKind: DbKind;
    nonce: string;
    /** The client's network address (behind a proxy only when TRUST_PROXY=1). */
    clientAddress: string;
    log: RequestLog;
    /** Filled on first use by the guards, shared by all loaders of one request. */
    actorMemo?: Promise<{ actor: Actor; sessionId: string } | null>;
  }
}

export {};
