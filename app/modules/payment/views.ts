/**
 * What the payment pages show, as plain data: the shapes the queries return and the views render.
 */
import type { ContractStatus } from "~/modules/contract/lifecycle";
import type { MilestoneKind, MilestoneStatus, PaymentStatus } from "./lifecycle";
import type { PaymentMode, PayoutBlock } from "./payout";

export interface PaymentView {
  id: string;
  attempt: number;
  status: PaymentStatus;
  mode: PaymentMode;
  amountFen: number;
  destination: string;
  transferId: string | null;
  failureReason: string | null;
  createdAt: string;
  sentAt: string | null;
  settledAt: string | null;
}

export interface MilestoneView {
  id: string;
  number: number;
  kind: MilestoneKind;
  status: MilestoneStatus;
  traineeCount: number;
  amountFen: number;
  requestedAt: string;
  decidedAt: string | null;
  refusalReason: string | null;
  payments: PaymentView[];
}

export interface TraineeLine {
  enrolmentId: string;
  name: string;
  idNumberMasked: string;
  certificateNumber: string | null;
  levelReached: number | null;
  certifiedOn: string | null;
}

export interface PayoutReadiness {
  block: PayoutBlock | null;
  requirements: string | null;
}

export interface ContractHead {
  id: string;
  reference: string;
  status: ContractStatus;
  institutionId: string;
  institutionName: string;
  tenderReference: string;
  headcount: number;
  priceFen: number;
  valueFen: number;
  advancePct: number;
}

export interface MoneyTotals {
  requestedFen: number;
  approvedFen: number;
  paidFen: number;
}
