import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { can, type Action } from "~/modules/access/policy";
import { useRootData } from "~/ui/root-data";

interface NavItem {
  to: string;
  label: string;
  action?: Action;
}

/** The page frame: skip link, header with navigation and language switch, main, footer. */
export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const root = useRootData();
  const actor = root?.actor ?? null;
  const location = useLocation();
  const district = i18n.language === "en" ? root?.env.districtEn : root?.env.districtZh;

  const otherLng = i18n.language === "en" ? "zh-CN" : "en";
  const switchParams = new URLSearchParams(location.search);
  switchParams.set("lng", otherLng);
  switchParams.delete("notice");

  const items: NavItem[] = [
    { to: "/home", label: t("common.nav.home"), action: "home.view" },
    { to: "/demands", label: t("common.nav.demands"), action: "demand.create" },
    { to: "/workforce", label: t("common.nav.workforce"), action: "workforce.report" },
    { to: "/accreditations", label: t("common.nav.accreditations"), action: "accreditation.apply" },
    { to: "/bids", label: t("common.nav.bids"), action: "bid.prepare" },
    { to: "/bureau/demands", label: t("common.nav.bureauDemands"), action: "demand.list" },
    { to: "/bureau/tenders", label: t("common.nav.bureauTenders"), action: "tender.viewDraft" },
    { to: "/panel", label: t("evaluation.nav.panel"), action: "panel.serve" },
    { to: "/bureau/accreditations", label: t("common.nav.bureauAccreditations"), action: "accreditation.review" },
    { to: "/contracts", label: t("award.contracts.nav"), action: "contract.view" },
    { to: "/training", label: t("delivery.nav.training"), action: "delivery.follow" },
    { to: "/performance", label: t("delivery.nav.performance"), action: "delivery.record" },
    { to: "/payouts", label: t("payment.nav.payouts"), action: "payout.connect" },
    { to: "/finance", label: t("payment.nav.finance"), action: "milestone.decide" },
    { to: "/bureau/progress", label: t("progress.nav.bureau"), action: "progress.view" },
    { to: "/progress", label: t("progress.nav.own"), action: "progress.viewOwn" },
    { to: "/tenders", label: t("common.nav.tenders") },
    { to: "/institutions", label: t("common.nav.institutions") },
    { to: "/statistics", label: t("progress.nav.statistics") },
    { to: "/bureau/organisations", label: t("common.nav.organisations"), action: "organisation.list" },
    { to: "/bureau/users", label: t("common.nav.users"), action: "bureauUser.list" },
    { to: "/bureau/reference", label: t("common.nav.reference"), action: "reference.manage" },
    { to: "/bureau/audit", label: t("common.nav.audit"), action: "audit.view" },
  ];
  const visible = items.filter((i) => !i.action || can(actor, i.action, { organisationId: actor?.orgId }));
  const notice = root?.notice && i18n.exists(root.notice) ? t(root.notice as never) : null;

  return (
    <>
      <a className="skip-link" href="#content">
        {t("common.skipToContent")}
      </a>
      <header className="site-header">
        <div className="wrap header-row">
          <Link to={actor ? "/home" : "/"} className="brand">
            <span className="brand-name">{t("common.appName")}</span>
            {district ? <span className="brand-district">{district}</span> : null}
          </Link>
          <div className="header-tools">
            <a href={`${location.pathname}?${switchParams.toString()}`} lang={otherLng} hrefLang={otherLng} className="lang-switch">
              <span className="visually-hidden">{t("common.language")}: </span>
              {t("common.otherLanguage")}
            </a>
            {actor ? (
              <>
                <Link to="/account" className="account-link">
                  {actor.name} · {actor.orgName}
                </Link>
                <Link to="/notifications" className="notifications-link">
                  {root?.unread ? t("notification.navUnread", { count: root.unread }) : t("notification.nav")}
                </Link>
                <Form method="post" action="/logout" className="inline-form">
                  <button type="submit" className="button-link">
                    {t("common.nav.signOut")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login">{t("common.nav.signIn")}</Link>
                <Link to="/register">{t("common.nav.register")}</Link>
              </>
            )}
          </div>
        </div>
        <nav aria-label={t("common.nav.main")} className="site-nav">
          <ul className="wrap">
            {visible.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} prefetch="intent">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {root?.isDemo ? <p className="demo-banner">{t("common.demoNotice")}</p> : null}
      <main id="content" className="wrap" tabIndex={-1}>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {children}
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <p>{t("common.footer.operator", { district: district ?? "" })}</p>
          <p>{t("common.footer.policy")}</p>
        </div>
      </footer>
    </>
  );
}
