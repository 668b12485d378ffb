/** Daihou's history (SPEC §6): the timeline codec, the month-sheet layout, the day's records and `HistoryView`, under one name. */
export type { HistoryStatus, Observation, TimelineEntry } from "./timeline";
export { type MonthHistory, type MonthRecord, MonthRecords, emptyMonth } from "./monthRecords";
export { HISTORY_CELLS_PER_ACCOUNT_MONTH, decodeMonth, encodeMonth, historySheetName, monthOfHistorySheet } from "./monthSheet";
export { contentOfHeader, fingerprintedHeaderCell, m1FlagAt, m1FlagsText, m1Provenance } from "./carriedM1";
export { monthRecordOf, recordDay, recordDayOf } from "./recordDay";
export { type MonthSheet, appendDayToSheet, indexMonthSheet } from "./dailySheet";
export { HistoryView, type StateOnDay, monthsAround } from "./view";
