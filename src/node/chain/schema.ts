/**
 * The Parquet files `daihou export` writes under DIR/store=ID/ (SPEC §8), one
 * per fact table, and their columns. docs/CHAIN.md describes each column; the
 * SQL under sql/ reads these tables by these names (with the `store` column the
 * Hive partition adds).
 */
import type { StoreFacts } from "../../domain/chain/facts";

export type ColumnType = "VARCHAR" | "INTEGER" | "BIGINT" | "DOUBLE" | "BOOLEAN" | "DATE";

export interface TableSpec {
  /** The file under DIR/store=ID/ (and the table's name in SQL). */
  name: string;
  columns: readonly (readonly [string, ColumnType])[];
  rows: (facts: StoreFacts) => readonly object[];
}

/** Table names as the SQL uses them. */
export const FACT_TABLES: readonly TableSpec[] = [
  {
    name: "stores",
    columns: [
      ["due_days", "VARCHAR"],
      ["m1_start", "INTEGER"],
      ["m2_start", "INTEGER"],
      ["grace_days", "INTEGER"],
      ["first_run", "DATE"],
      ["last_run", "DATE"],
      ["first_full_month_no", "INTEGER"],
      ["latest_complete_month", "VARCHAR"],
      ["has_contact_log", "BOOLEAN"],
      ["has_disbursed_on", "BOOLEAN"],
      ["baselines", "VARCHAR"],
    ],
    rows: (f) => [f.store],
  },
  {
    name: "store_months",
    columns: [
      ["month", "VARCHAR"],
      ["month_no", "INTEGER"],
      ["prev_end_covered", "BOOLEAN"],
      ["end_covered", "BOOLEAN"],
      ["takes_part", "BOOLEAN"],
    ],
    rows: (f) => f.months,
  },
  {
    name: "store_due_days",
    columns: [
      ["month", "VARCHAR"],
      ["month_no", "INTEGER"],
      ["due_day", "INTEGER"],
      ["eve_covered", "BOOLEAN"],
      ["morrow_covered", "BOOLEAN"],
      ["base_covered", "BOOLEAN"],
    ],
    rows: (f) => f.dueDays,
  },
  {
    name: "account_months",
    columns: [
      ["month", "VARCHAR"],
      ["month_no", "INTEGER"],
      ["loan_id", "VARCHAR"],
      ["due_day", "INTEGER"],
      ["state_prev_end", "VARCHAR"],
      ["principal_prev_end", "DOUBLE"],
      ["state_end", "VARCHAR"],
      ["principal_end", "DOUBLE"],
      ["state_eve", "VARCHAR"],
      ["principal_eve", "DOUBLE"],
      ["state_morrow", "VARCHAR"],
      ["principal_morrow", "DOUBLE"],
      ["max_dpd", "INTEGER"],
      ["entered_m1_on", "DATE"],
      ["principal_at_m1_entry", "DOUBLE"],
      ["paid_d30", "DOUBLE"],
      ["paid_d60", "DOUBLE"],
      ["paid_d90", "DOUBLE"],
    ],
    rows: (f) => f.accountMonths,
  },
  {
    name: "base_states",
    columns: [
      ["month", "VARCHAR"],
      ["month_no", "INTEGER"],
      ["due_day", "INTEGER"],
      ["loan_id", "VARCHAR"],
      ["state", "VARCHAR"],
      ["principal", "DOUBLE"],
    ],
    rows: (f) => f.baseStates,
  },
  {
    name: "loans",
    columns: [
      ["loan_id", "VARCHAR"],
      ["disbursed_month", "VARCHAR"],
      ["disbursed_month_no", "INTEGER"],
    ],
    rows: (f) => f.loans,
  },
  {
    name: "contacts",
    columns: [
      ["month", "VARCHAR"],
      ["month_no", "INTEGER"],
      ["date", "DATE"],
      ["hour", "INTEGER"],
      ["staff", "VARCHAR"],
      ["loan_id", "VARCHAR"],
      ["task", "VARCHAR"],
      ["number_kind", "VARCHAR"],
      ["outcome", "VARCHAR"],
      ["is_dial", "BOOLEAN"],
      ["reached", "BOOLEAN"],
      ["ptp_date", "DATE"],
      ["ptp_amount", "DOUBLE"],
      ["ptp_method", "VARCHAR"],
      ["ptp_status", "VARCHAR"],
    ],
    rows: (f) => f.contacts,
  },
];
