/** One generated bank movement before it is viewed as of a sync date. Amounts in cents. */
export interface RawItem {
  /** The day it happened; pending from this day when `lag` > 0. */
  date: string;
  /** Position within the day, part of its stable identity. */
  n: number;
  amount: number;
  purpose: string[];
  /** Text while prebooked, when the bank changes it on booking. */
  pendingPurpose?: string[];
  /** Days the item stays prebooked before it books (0 = booked at once). */
  lag: number;
  /** booking_date = date + shift once booked (banks move booking dates). */
  shift: number;
  counter_iban: string | null;
  counter_bic: string | null;
  counter_holder: string | null;
  creditor_id: string | null;
  category_id: string;
  tags: string[];
  canceled?: boolean;
  /**
   * Local time ("HH:MM:SS", Europe/Berlin) the movement happened, for items whose purpose carries it
   * (card terminals). On the sync day an item later than the sync time has not happened yet.
   */
  at?: string;
  /** Ground truth for tests: the label of the contract this item belongs to (never serialised). */
  contract?: string;
}
