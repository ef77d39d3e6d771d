import { defineDict } from "../define";

/** Delivery (DESIGN.md "Contract and delivery"): enrolment, sessions and attendance, results, ratings, performance, acceptance. */
export const delivery = defineDict({
  zh: {
    title: "履约",
    nav: { training: "培训进度", performance: "履约记录" },
    tabs: { label: "合同页面", overview: "合同", trainees: "学员", attendance: "课程与考勤", results: "结业与鉴定", payments: "付款", acceptance: "验收" },
  },
  en: {
    title: "Delivery",
    nav: { training: "Training progress", performance: "Performance record" },
    tabs: { label: "Contract pages", overview: "Contract", trainees: "Trainees", attendance: "Sessions and attendance", results: "Completion and certification", payments: "Payments", acceptance: "Acceptance" },
  },
});
