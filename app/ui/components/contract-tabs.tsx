import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type ContractTab = "overview" | "trainees" | "attendance" | "results" | "payments" | "acceptance";

const PATHS: Record<ContractTab, string> = {
  overview: "",
  trainees: "/trainees",
  attendance: "/attendance",
  results: "/results",
  payments: "/payments",
  acceptance: "/acceptance",
};

/**
 * The tabs of a contract's pages (the contract itself, its cohort, sessions and attendance,
 * results, payments, acceptance), for the bureau and the contract's institution. Delivery tabs
 * appear once the contract is in force.
 */
export function ContractTabs({ contractId, delivering }: { contractId: string; delivering: boolean }) {
  const { t } = useTranslation();
  const base = `/contracts/${contractId}`;
  const tabs = (Object.keys(PATHS) as ContractTab[]).filter((tab) => delivering || tab === "overview");
  if (tabs.length < 2) return null;
  return (
    <nav aria-label={t("delivery.tabs.label")} className="lot-tabs no-print">
      <ul>
        {tabs.map((tab) => (
          <li key={tab}>
            <NavLink to={`${base}${PATHS[tab]}`} end={tab === "overview"}>
              {t(`delivery.tabs.${tab}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
