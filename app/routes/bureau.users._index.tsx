import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCan } from "~/auth/guards.server";
import { BUREAU_ROLES } from "~/modules/access/actor";
import { listBureauUsers } from "~/modules/access/bureau-users.server";
import { can } from "~/modules/access/policy";

export const meta: MetaFunction = () => [{ title: "局内用户 Bureau users · SkillTender" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "bureauUser.list");
  const users = await listBureauUsers(context.db);
  return { users, selfId: actor.userId, canCreate: can(actor, "bureauUser.create") };
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
