import { accreditation } from "./dict/accreditation";
import { award } from "./dict/award";
import { auth } from "./dict/auth";
import { bidding } from "./dict/bidding";
import { bureau } from "./dict/bureau";
import { common } from "./dict/common";
import { completion } from "./dict/completion";
import { delivery } from "./dict/delivery";
import { demand } from "./dict/demand";
import { evaluation } from "./dict/evaluation";
import { home } from "./dict/home";
import { notification } from "./dict/notification";
import { payment } from "./dict/payment";
import { progress } from "./dict/progress";
import { reference } from "./dict/reference";
import { report } from "./dict/report";
import { tender } from "./dict/tender";

/**
 * The one dictionary: every visible string comes from here. Each area lives in its own file
 * under dict/, with both languages side by side.
 */
const areas = { common, auth, home, bureau, demand, tender, reference, accreditation, bidding, evaluation, award, notification, delivery, completion, payment, progress, report };

type Areas = typeof areas;
export type Translation = { [K in keyof Areas]: Areas[K]["zh"] };

function pick(lang: "zh" | "en") {
  return Object.fromEntries(Object.entries(areas).map(([k, v]) => [k, v[lang]])) as unknown as Translation;
}

export const resources = {
  "zh-CN": { translation: pick("zh") },
  en: { translation: pick("en") },
} as const;
