/** XS2A's shapes that use cases above the gateway read (they never import lib/xs2a themselves). */
export type { BankConnection as Xs2aConnection, Xs2aUserClient } from "@/lib/xs2a";
