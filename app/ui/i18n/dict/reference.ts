import { defineDict } from "../define";

export const reference = defineDict({
  zh: {},
  en: {},
});
