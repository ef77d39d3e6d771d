/**
 * The messages of zod's own checks, as dictionary keys. A schema's field names its own message
 * where it has one; whatever it leaves to zod (an unknown `intent`, an id over its length, a
 * number out of a bare `.min()`/`.max()`, a field missing from a hand-crafted post) would
 * otherwise reach the page as zod's English default. Installed once, by the root route, which
 * both the server and the browser load before any form is parsed; schema-level messages still
 * win over it (zod's precedence: schema, parse, then this global map).
 */
import { z } from "zod";
import { msg } from "~/utils/result";

/** What zod gives the global map: an issue not yet given its message. */
type RawIssue = Parameters<NonNullable<z.core.$ZodConfig["customError"]>>[0];

const KEYS = {
  required: "common.form.required",
  invalid: "common.form.invalid",
  invalidChoice: "common.form.invalidChoice",
  invalidEmail: "common.form.invalidEmail",
  notWhole: "common.form.notWhole",
} as const;

const asNumber = (n: number | bigint) => Number(n);

/** The dictionary key (with its values) for an issue zod raised without a message of the schema's. */
export function formIssueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      // A field absent from the post (conform also sends an emptied field as absent).
      if (issue.input === undefined || issue.input === null) return KEYS.required;
      return issue.expected === "int" ? KEYS.notWhole : KEYS.invalid;
    case "too_small": {
      const min = asNumber(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? KEYS.required : issue.exact ? KEYS.invalid : msg("common.form.tooShort", { min });
      if ((issue.origin === "number" || issue.origin === "int") && issue.inclusive !== false) return msg("common.form.tooSmall", { min });
      return KEYS.invalid;
    }
    case "too_big": {
      const max = asNumber(issue.maximum);
      if (issue.origin === "string") return issue.exact ? KEYS.invalid : msg("common.form.tooLong", { max });
      if ((issue.origin === "number" || issue.origin === "int") && issue.inclusive !== false) return msg("common.form.tooBig", { max });
      return KEYS.invalid;
    }
    case "invalid_value":
      return KEYS.invalidChoice;
    case "invalid_union":
      // A discriminated union told an unknown `intent` (or other discriminator).
      return issue.discriminator !== undefined ? KEYS.invalidChoice : KEYS.invalid;
    case "invalid_format":
      return issue.format === "email" ? KEYS.invalidEmail : KEYS.invalid;
    default:
      return KEYS.invalid;
  }
}

/** Makes every zod message the app does not name itself one of the keys above (zod 4's global config). */
export function installFormMessages(): void {
  z.config({ customError: formIssueMessage });
}

/**
 * A field's own "required" message for a field that is absent, and nothing for the rest: given as
 * a schema's `error`, it would otherwise also answer every check chained after it (an id over its
 * length, a level out of range) with "required"; those fall through to the map above.
 */
export function requiredIfMissing(issue: { input?: unknown }): string | undefined {
  return issue.input === undefined || issue.input === null ? KEYS.required : undefined;
}
