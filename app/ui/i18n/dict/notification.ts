import { defineDict } from "../define";

/**
 * Notifications (in-app, to an organisation). `kinds` holds one sentence per kind that anyone
 * emits, filled from the notification's params: {{reference}} {{lotNumber}} name a lot,
 * {{contract}} a contract, {{decision}} an objection's answer, {{round}} an evaluation round.
 */
export const notification = defineDict({
  zh: {
    nav: "通知",
    navUnread: "通知（{{count}} 条未读）",
    title: "通知",
    unreadCount: "未读 {{count}} 条。",
    none: "暂无通知。",
    listLabel: "通知列表（最新在前）",
    read: "已读",
    unread: "未读",
    markRead: "标为已读",
    markAllRead: "全部标为已读",
    unknownKind: "系统通知",
    notices: { allRead: "已将全部通知标为已读。" },
    kinds: {
      resultPublished: "{{reference}} 第{{lotNumber}}包的中标结果已公示，可在质疑期内提出质疑。",
      objectionLodged: "{{reference}} 第{{lotNumber}}包收到一份质疑，请在答复期限内答复。",
      objectionAnswered: "{{reference}} 第{{lotNumber}}包的质疑已答复：{{decision}}。",
      contractCreated: "{{reference}} 第{{lotNumber}}包已定标，合同 {{contract}} 待签署。",
      awardedAfterLapse: "因原中标合同逾期未签，{{reference}} 第{{lotNumber}}包顺延由本机构中标，合同 {{contract}} 待签署。",
      contractLapsed: "合同 {{contract}}（{{reference}} 第{{lotNumber}}包）逾期未签署，已失效。",
      contractSignedByOther: "合同 {{contract}} 对方已签署，请签署。",
      contractActive: "合同 {{contract}} 双方已签署，已生效。",
      panelInvited: "{{reference}} 第{{lotNumber}}包开始评标：评标委员会成员请先声明利益冲突情况，再评分。",
      panelConflict: "{{reference}} 第{{lotNumber}}包有评标专家声明存在利益冲突，请指定替补专家。",
      evaluationReopened: "{{reference}} 第{{lotNumber}}包因质疑成立进入第 {{round}} 轮评标：评标委员会成员请重新声明并评分。",
    },
  },
  en: {
    nav: "Notifications",
    navUnread: "Notifications ({{count}} unread)",
    title: "Notifications",
    unreadCount: "{{count}} unread.",
    none: "No notifications.",
    listLabel: "Notifications (newest first)",
    read: "Read",
    unread: "Unread",
    markRead: "Mark as read",
    markAllRead: "Mark all as read",
    unknownKind: "System notification",
    notices: { allRead: "All notifications marked as read." },
    kinds: {
      resultPublished: "The result of {{reference}} lot {{lotNumber}} has been published; objections may be lodged within the window.",
      objectionLodged: "An objection to {{reference}} lot {{lotNumber}} has been lodged; please answer it in time.",
      objectionAnswered: "The objection to {{reference}} lot {{lotNumber}} has been answered: {{decision}}.",
      contractCreated: "{{reference}} lot {{lotNumber}} is awarded; contract {{contract}} awaits signature.",
      awardedAfterLapse: "The awarded contract of {{reference}} lot {{lotNumber}} was not signed in time; the award passes to you. Contract {{contract}} awaits signature.",
      contractLapsed: "Contract {{contract}} ({{reference}} lot {{lotNumber}}) was not signed in time and has lapsed.",
      contractSignedByOther: "The other party has signed contract {{contract}}; please sign it.",
      contractActive: "Contract {{contract}} is signed by both parties and in force.",
      panelInvited: "Evaluation of {{reference}} lot {{lotNumber}} has begun: panel members, declare any conflict of interest, then score.",
      panelConflict: "A panel member declared a conflict of interest on {{reference}} lot {{lotNumber}}; please name a replacement.",
      evaluationReopened: "{{reference}} lot {{lotNumber}} goes to evaluation round {{round}} after an upheld objection: panel members, declare and score again.",
    },
  },
});
