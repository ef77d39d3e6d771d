import { defineDict } from "../define";

export const tender = defineDict({
  zh: {},
  en: {},
});
