/** Imported first by in-process measurements: React and Remix choose their production builds. */
process.env.NODE_ENV = "production";
