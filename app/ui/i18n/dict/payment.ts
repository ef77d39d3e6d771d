import { defineDict } from "../define";

/** Payment (DESIGN.md "Contract and delivery"): milestones, finance approval, transfers, payout accounts, budget. */
export const payment = defineDict({
  zh: {
    title: "付款",
    nav: { finance: "付款审核", payouts: "收款账户" },
  },
  en: {
    title: "Payment",
    nav: { finance: "Payment approvals", payouts: "Payout account" },
  },
});
