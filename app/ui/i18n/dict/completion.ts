import { defineDict } from "../define";

/** Completion (DESIGN.md "Contract and delivery"): results, ratings, enterprises' training progress, institutions' performance, acceptance. */
export const completion = defineDict({
  zh: {
    title: "结业与验收",
  },
  en: {
    title: "Completion and acceptance",
  },
});
