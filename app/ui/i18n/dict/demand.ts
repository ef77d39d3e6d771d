import { defineDict } from "../define";

export const demand = defineDict({
  zh: {},
  en: {},
});
