import type { LifecycleTable } from "~/utils/lifecycle";

export type DemandStatus =
  | "draft"
  | "submitted"
  | "returned"
  | "rejected"
  | "pooled"
  | "tendered"
  | "contracted"
  | "fulfilled"
  | "withdrawn";
export type DemandEvent =
  | "submit"
  | "accept"
  | "return"
  | "reject"
  | "withdraw"
  | "tender"
  | "release"
  | "contract"
  | "fulfil";

/**
 * DESIGN.md "Demand": draft → submitted → pooled | returned | rejected; pooled → tendered →
 * contracted → fulfilled; withdrawn by the enterprise any time before tendered. `release` puts
 * tendered demand back in the pool (tender cancelled, lot unsuccessful), and contracted demand
 * whose contract lapsed with no next-ranked bid to take it.
 */
export const DEMAND_LIFECYCLE: LifecycleTable<DemandStatus, DemandEvent> = {
  draft: { submit: "submitted", accept: null, return: null, reject: null, withdraw: "withdrawn", tender: null, release: null, contract: null, fulfil: null },
  submitted: { submit: null, accept: "pooled", return: "returned", reject: "rejected", withdraw: "withdrawn", tender: null, release: null, contract: null, fulfil: null },
  returned: { submit: "submitted", accept: null, return: null, reject: null, withdraw: "withdrawn", tender: null, release: null, contract: null, fulfil: null },
  rejected: { submit: null, accept: null, return: null, reject: null, withdraw: null, tender: null, release: null, contract: null, fulfil: null },
  pooled: { submit: null, accept: null, return: null, reject: null, withdraw: "withdrawn", tender: "tendered", release: null, contract: null, fulfil: null },
  tendered: { submit: null, accept: null, return: null, reject: null, withdraw: null, tender: null, release: "pooled", contract: "contracted", fulfil: null },
  contracted: { submit: null, accept: null, return: null, reject: null, withdraw: null, tender: null, release: "pooled", contract: null, fulfil: "fulfilled" },
  fulfilled: { submit: null, accept: null, return: null, reject: null, withdraw: null, tender: null, release: null, contract: null, fulfil: null },
  withdrawn: { submit: null, accept: null, return: null, reject: null, withdraw: null, tender: null, release: null, contract: null, fulfil: null },
};

/** The enterprise may change a demand's content only while it is a draft or returned. */
export function isEditable(status: DemandStatus): boolean {
  return status === "draft" || status === "returned";
}
