import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listPublicRegister } from "~/modules/accreditation/accreditations.server";
import { shanghaiDate } from "~/modules/reference/working-days";
import { now } from "~/utils/clock.server";
import { AccreditationTable } from "~/ui/components/accreditation-table";

export const meta: MetaFunction = () => [{ title: "培训机构名录 Accredited institutions · SkillTender" }];

/** GET /institutions — the public register of accredited institutions (DESIGN.md "Interfaces"). */
export async function loader({ context }: LoaderFunctionArgs) {
  return { rows: await listPublicRegister(context.db, shanghaiDate(now())) };
}

export default function Institutions() {
  const { t } = useTranslation();
  const { rows } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("accreditation.register.title")}</h1>
      <p className="lead">{t("accreditation.register.intro")}</p>
      <AccreditationTable rows={rows} showInstitution />
    </>
  );
}
