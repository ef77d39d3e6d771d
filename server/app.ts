import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { randomUUID } from "node:crypto";
import type { DbHandle } from "#db/client";
import { logError, logRequest } from "~/utils/log.server";
import type { RequestLog } from "~/context";
import { isOriginAllowed, newNonce, plainErrorPage, securityHeaders } from "./security";

export interface AppOptions {
  handle: DbHandle;
  /** The production build, or a loader of it (the dev server's). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  dev?: boolean;
  trustProxy?: boolean;
  /** Static files, production only. */
  clientDir?: string;
  /** Mount extra middleware (the dev server's Vite) before the app. */
  before?: (app: Express) => void;
}

/** The HTTP server around Remix: ids, nonces, headers, the Origin check, static files, logs. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy) app.set("trust proxy", true);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const log: RequestLog = { requestId: randomUUID() };
    const nonce = newNonce();
    res.locals.log = log;
    res.locals.nonce = nonce;
    res.setHeader("X-Request-Id", log.requestId);
    const headers = securityHeaders(nonce, { https: req.secure, dev: Boolean(options.dev) });
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.on("finish", () => {
      if (req.path.startsWith("/assets/") || req.path.startsWith("/@")) return;
      logRequest({
        requestId: log.requestId,
        method: req.method,
        route: req.path,
        status: res.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        userId: log.userId,
      });
    });
    next();
  });

  app.use((req, res, next) => {
    const expected = `${req.protocol}://${req.get("host") ?? ""}`;
    if (isOriginAllowed(req.method, req.path, req.get("origin"), expected)) return next();
    res
      .status(403)
      .type("html")
      .send(plainErrorPage(403, "请求来源不可信，已拒绝。请返回页面后重试。", "The request came from another site and was refused. Go back and try again."));
  });

  options.before?.(app);

  if (options.clientDir) {
    app.use("/assets", express.static(`${options.clientDir}/assets`, { immutable: true, maxAge: 365 * 24 * 3600 * 1000 }));
    // Only a path that names a file (favicon.svg, robots.txt) can be one: pages skip the disk lookup.
    const files = express.static(options.clientDir, { maxAge: 3600 * 1000 });
    app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? files(req, res, next) : next()));
  }

  app.all(
    "*",
    createRequestHandler({
      build: options.build,
      mode: options.dev ? "development" : "production",
      getLoadContext: (req, res) => ({
        clientAddress: req.ip ?? "unknown",
        db: options.handle.db,
        dbKind: options.handle.kind,
        nonce: res.locals.nonce as string,
        log: res.locals.log as RequestLog,
      }),
    }),
  );

  // Last resort: never a stack trace.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logError(error, { requestId: (res.locals.log as RequestLog | undefined)?.requestId });
    if (res.headersSent) return;
    res.status(500).type("html").send(plainErrorPage(500, "系统出现问题，请稍后再试。", "Something went wrong. Please try again later."));
  });

  return app;
}
