/**
 * The raw baseline (issue "Benchmarks"): a bare node:http server over the same database, running
 * the same queries as the app's public pages and rendering comparable markup with React's
 * renderToString. `PORT` and `DATABASE_URL` as for the app.
 */
import { createServer } from "node:http";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createDb } from "#db/client";
import { listLotOpenings } from "~/modules/bidding/open-lot.server";
import { findPublicTender, listOccupations, listPublicTenders } from "~/modules/tender/queries.server";
import { TenderDetailPage, TenderListPage } from "./pages";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const { db } = createDb(url);
const port = Number(process.env.PORT ?? 3400);

const server = createServer((req, res) => {
  const send = (status: number, body: string, type = "text/html; charset=utf-8") => {
    res.writeHead(status, { "content-type": type });
    res.end(body);
  };
  (async () => {
    const u = new URL(req.url ?? "/", "http://baseline");
    if (u.pathname === "/healthz") return send(200, '{"status":"ok"}', "application/json");
    if (u.pathname === "/tenders") {
      const page = Number(u.searchParams.get("page") ?? 1) || 1;
      const list = await listPublicTenders(db, { page });
      const occupations = await listOccupations(db);
      return send(200, `<!DOCTYPE html>${renderToString(createElement(TenderListPage, { ...list, occupations }))}`);
    }
    const m = /^\/tenders\/([A-Z]{2}-\d{4}-\d{4})$/.exec(u.pathname);
    if (m) {
      const t = await findPublicTender(db, m[1]!);
      if (!t) return send(404, "not found", "text/plain");
      const [occupations, openings] = await Promise.all([listOccupations(db), listLotOpenings(db, t.id)]);
      return send(200, `<!DOCTYPE html>${renderToString(createElement(TenderDetailPage, { ...t, openings, occupations }))}`);
    }
    return send(404, "not found", "text/plain");
  })().catch((error: unknown) => send(500, String(error), "text/plain"));
});
server.listen(port, "127.0.0.1", () => process.stdout.write(`baseline on ${port}\n`));
for (const s of ["SIGTERM", "SIGINT"] as const) process.on(s, () => server.close(() => process.exit(0)));
