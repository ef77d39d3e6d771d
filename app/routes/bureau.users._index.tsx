import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCan } from "~/auth/guards.server";
import { BUREAU_ROLES } from "~/modules/access/actor";
import { listBureauUsers, type BureauUser } from "~/modules/access/bureau-users.server";
import { can } from "~/modules/access/policy";
import { ExportLinks } from "~/ui/components/export-links";
import { type ExportColumn } from "~/ui/export/table-export";
import { exportAsked, listExportResponse } from "~/ui/export/list-export.server";
import { chineseT } from "~/ui/i18n/instances.server";

export const meta: MetaFunction = () => [{ title: "局内用户 Bureau users · SkillTender" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "bureauUser.list");
  const users = await listBureauUsers(context.db);
  // The bureau's own staff: a short list, exported whole. E-mail addresses are what an
  // administrator sees on the page too; nothing else about a person is held here.
  const format = exportAsked(request);
  if (format) throw await listExportResponse(format, chineseT()("bureau.users.title"), exportColumns(), users);
  return { users, selfId: actor.userId, canCreate: can(actor, "bureauUser.create") };
}

/** The table's columns in the export, with each account's creation time in Beijing time. */
function exportColumns(): ExportColumn<BureauUser>[] {
  const t = chineseT();
  return [
    { header: t("bureau.users.name"), kind: "text", value: (u) => u.name },
    { header: t("bureau.users.email"), kind: "text", value: (u) => u.email },
    { header: t("bureau.users.roles"), kind: "text", value: (u) => BUREAU_ROLES.filter((r) => u.roles.includes(r)).map((r) => t(`common.roles.${r}`)).join("、") },
    { header: t("bureau.users.status"), kind: "text", value: (u) => t(`common.userStatus.${u.status}`) },
    { header: t("bureau.users.createdAt"), kind: "instant", value: (u) => u.createdAt },
  ];
}

export default function BureauUsers() {
  const { t, i18n } = useTranslation();
  const { users, selfId, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("bureau.users.title")}</h1>
      <p className="lead">{t("bureau.users.intro")}</p>
      {canCreate ? (
        <p>
          <Link to="/bureau/users/new" className="button">
            {t("bureau.users.new")}
          </Link>
        </p>
      ) : null}
      <ExportLinks />
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("bureau.users.listCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("bureau.users.name")}</th>
              <th scope="col">{t("bureau.users.email")}</th>
              <th scope="col">{t("bureau.users.roles")}</th>
              <th scope="col">{t("bureau.users.status")}</th>
            </tr>
          </thead>
          <tbody>
            {users.length === 0 ? (
              <tr>
                <td colSpan={4}>{t("common.empty")}</td>
              </tr>
            ) : (
              users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    <Link to={`/bureau/users/${u.id}`}>{u.name}</Link>
                    {u.id === selfId ? ` ${t("bureau.users.you")}` : null}
                  </th>
                  <td>{u.email}</td>
                  <td>{BUREAU_ROLES.filter((r) => u.roles.includes(r)).map((r) => t(`common.roles.${r}`)).join(i18n.language === "en" ? ", " : "、")}</td>
                  <td>
                    <span className={`badge ${u.status === "active" ? "badge-ok" : "badge-bad"}`}>
                      {t(`common.userStatus.${u.status}`)}
                    </span>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
