/**
 * A fake of the Apps Script services Daihou uses — SpreadsheetApp (spreadsheet,
 * sheets, ranges, conditional-format and data-validation builders, Ui),
 * LockService, PropertiesService, ScriptApp (time-driven triggers), Session and
 * Utilities — that behaves like Google Sheets where it matters to Daihou:
 *
 * - getValues() returns a rectangular copy: Date objects (of the script's realm)
 *   for date cells, "" for blanks;
 * - setValues() throws when the data's dimensions differ from the range's, and
 *   reads strings as Sheets does when a user types them: a leading ' keeps the
 *   rest as text, a leading = makes a formula, numbers, TRUE/FALSE and ISO dates
 *   become numbers, booleans and date cells;
 * - ranges outside the grid, deleting every non-frozen row, a second sheet of the
 *   same name throw as in Sheets;
 * - every method call on any fake object is counted (`calls`).
 *
 * Tests set up and inspect sheets through the fake's own methods (`addSheet`,
 * `values`, …), which are not counted; the script sees only `globals()`.
 */
import { Fake } from "./fakeBase";
import { FakeCacheService } from "./fakeCache";
import { type Deployment, type Schedule, checkTriggerLimits } from "./fakeTriggerLimits";
import { intlFormatDate, midnightIn } from "./fakes";

/** A value as a cell holds it: text, number, boolean, a date (ms since the epoch) or nothing. */
export type Stored = string | number | boolean | { date: number } | null;

/** Counts method calls on the fakes. */
export class CallCounter {
  total = 0;
  readonly byName = new Map<string, number>();

  add(name: string): void {
    this.total++;
    this.byName.set(name, (this.byName.get(name) ?? 0) + 1);
  }

  reset(): void {
    this.total = 0;
    this.byName.clear();
  }

  /** Calls by method, sorted by name. */
  table(): Record<string, number> {
    return Object.fromEntries([...this.byName.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  count(name: string): number {
    return this.byName.get(name) ?? 0;
  }
}

/**
 * A fake clock for the script's Date.now (test/faults/bundle.ts sets it): it
 * moves only when a counted service call costs time, so a test can make a
 * spreadsheet as slow as a huge ledger is in Sheets.
 */
export class FakeClock {
  /** Milliseconds since the epoch. */
  ms = Date.UTC(2026, 10, 16, 7);
  /** What a service call costs: every call, and each cell it reads or writes (getValues, setValues, setDataValidation). */
  readonly costs = { perCall: 0, perCellRead: 0, perCellWritten: 0 };
  now(): number {
    return this.ms;
  }
  tick(ms: number): void {
    this.ms += ms;
  }
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === "[object Date]";

class Tracker {
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(
    readonly counter: CallCounter,
    private readonly clock?: FakeClock,
  ) {}

  wrap<T extends object>(target: T): T {
    const known = this.proxies.get(target);
    if (known) return known as T;
    const label = target instanceof Fake ? target.kind : "object";
    const proxy = new Proxy(target, {
      get: (t, prop) => {
        const v = Reflect.get(t, prop, t);
        if (typeof v !== "function" || typeof prop === "symbol" || prop === "constructor") return this.out(v);
        return (...args: unknown[]) => {
          this.counter.add(`${label}.${prop}`);
          if (this.clock) this.clock.tick(this.clock.costs.perCall);
          return this.out(
            (v as (...a: unknown[]) => unknown).apply(
              t,
              args.map((a) => this.unwrap(a)),
            ),
          );
        };
      },
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }

  /** The fake behind a proxy (arrays of them too). */
  unwrap(v: unknown): unknown {
    if (Array.isArray(v))
      return v.some((x) => typeof x === "object" && x !== null && this.targets.has(x)) ? v.map((x) => this.unwrap(x)) : v;
    return typeof v === "object" && v !== null ? (this.targets.get(v) ?? v) : v;
  }

  private out(v: unknown): unknown {
    if (v instanceof Fake) return this.wrap(v);
    if (Array.isArray(v) && v.length > 0 && v[0] instanceof Fake) return v.map((x) => this.wrap(x));
    return v;
  }
}

/** A grid area on a sheet (1-based). */
interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const inArea = (a: Area, r: number, c: number) => r >= a.row && r < a.row + a.rows && c >= a.col && c < a.col + a.cols;

export class FakeRange extends Fake {
  readonly kind = "Range";
  constructor(
    readonly sheet: FakeSheet,
    readonly area: Area,
  ) {
    super();
  }

  getRow(): number {
    return this.area.row;
  }
  getColumn(): number {
    return this.area.col;
  }
  getNumRows(): number {
    return this.area.rows;
  }
  getNumColumns(): number {
    return this.area.cols;
  }
  getLastRow(): number {
    return this.area.row + this.area.rows - 1;
  }
  getLastColumn(): number {
    return this.area.col + this.area.cols - 1;
  }
  getSheet(): FakeSheet {
    return this.sheet;
  }
  getA1Notation(): string {
    const a = this.area;
    const start = `${letters(a.col)}${a.row}`;
    return a.rows === 1 && a.cols === 1 ? start : `${start}:${letters(a.col + a.cols - 1)}${a.row + a.rows - 1}`;
  }

  /** Advances the fake clock by the cost of `perCell` for this range's cells. */
  private cost(perCell: "perCellRead" | "perCellWritten"): void {
    const clock = this.sheet.book.app.clock;
    clock.tick(this.area.rows * this.area.cols * clock.costs[perCell]);
  }

  getValues(): unknown[][] {
    this.cost("perCellRead");
    return this.sheet.readArea(this.area);
  }
  getValue(): unknown {
    return this.sheet.readArea({ ...this.area, rows: 1, cols: 1 })[0][0];
  }
  getDisplayValues(): string[][] {
    return this.sheet.readArea(this.area, true) as string[][];
  }

  setValues(values: unknown[][]): FakeRange {
    if (!Array.isArray(values) || values.length !== this.area.rows) {
      const n = Array.isArray(values) ? values.length : 0;
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${n} but the range has ${this.area.rows}.`,
      );
    }
    for (const row of values) {
      const n = Array.isArray(row) ? row.length : 0;
      if (n !== this.area.cols) {
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${n} but the range has ${this.area.cols}.`,
        );
      }
    }
    this.cost("perCellWritten");
    this.sheet.writeArea(this.area, values);
    return this;
  }
  setValue(value: unknown): FakeRange {
    this.sheet.writeArea({ ...this.area, rows: 1, cols: 1 }, [[value]]);
    return this;
  }

  clearContent(): FakeRange {
    this.sheet.clearArea(this.area);
    return this;
  }
  clear(): FakeRange {
    this.sheet.clearArea(this.area);
    return this;
  }

  setDataValidation(rule: FakeDataValidation | null): FakeRange {
    this.cost("perCellWritten");
    this.sheet.setValidation(this.area, rule);
    return this;
  }
  getDataValidation(): FakeDataValidation | null {
    return this.sheet.validationAt(this.area.row, this.area.col);
  }

  setNumberFormat(_format: string): FakeRange {
    return this;
  }
  clearFormat(): FakeRange {
    return this;
  }
  getFormula(): string {
    return this.sheet.formulas.get(`${this.area.row},${this.area.col}`) ?? "";
  }
  setFormula(formula: string): FakeRange {
    this.sheet.writeArea({ ...this.area, rows: 1, cols: 1 }, [[formula]]);
    this.sheet.formulaWrites++;
    return this;
  }
  setNumberFormats(_formats: string[][]): FakeRange {
    return this;
  }
  setBackground(_colour: string | null): FakeRange {
    return this;
  }
  setFontWeight(_weight: string | null): FakeRange {
    return this;
  }
  setWrap(_wrap: boolean): FakeRange {
    return this;
  }
}

/** A conditional-format rule (boolean or gradient) as the builder made it. */
export class FakeConditionalFormatRule extends Fake {
  readonly kind = "ConditionalFormatRule";
  constructor(
    readonly criteriaType: string | null,
    readonly criteriaValues: unknown[],
    readonly background: string | null,
    readonly ranges: FakeRange[],
    readonly gradient: boolean,
  ) {
    super();
  }
  getBooleanCondition(): FakeBooleanCondition | null {
    return this.gradient ? null : new FakeBooleanCondition(this.criteriaType ?? "", this.criteriaValues, this.background);
  }
  getGradientCondition(): object | null {
    return this.gradient ? {} : null;
  }
  getRanges(): FakeRange[] {
    return this.ranges.slice();
  }
  copy(): FakeConditionalFormatRuleBuilder {
    const b = new FakeConditionalFormatRuleBuilder();
    Object.assign(b, {
      criteriaType: this.criteriaType,
      criteriaValues: this.criteriaValues.slice(),
      background: this.background,
      ranges: this.ranges.slice(),
      gradient: this.gradient,
    });
    return b;
  }
}

export class FakeBooleanCondition extends Fake {
  readonly kind = "BooleanCondition";
  constructor(
    private readonly type: string,
    private readonly values: unknown[],
    private readonly background: string | null,
  ) {
    super();
  }
  getCriteriaType(): string {
    return this.type;
  }
  getCriteriaValues(): unknown[] {
    return this.values.slice();
  }
  getBackground(): string | null {
    return this.background;
  }
}

export class FakeConditionalFormatRuleBuilder extends Fake {
  readonly kind = "ConditionalFormatRuleBuilder";
  criteriaType: string | null = null;
  criteriaValues: unknown[] = [];
  background: string | null = null;
  ranges: FakeRange[] = [];
  gradient = false;

  whenFormulaSatisfied(formula: string): this {
    this.criteriaType = "CUSTOM_FORMULA";
    this.criteriaValues = [formula];
    return this;
  }
  whenNumberGreaterThan(n: number): this {
    this.criteriaType = "NUMBER_GREATER_THAN";
    this.criteriaValues = [n];
    return this;
  }
  whenTextEqualTo(text: string): this {
    this.criteriaType = "TEXT_EQUAL_TO";
    this.criteriaValues = [text];
    return this;
  }
  setGradientMinpoint(_colour: string): this {
    this.gradient = true;
    return this;
  }
  setGradientMaxpoint(_colour: string): this {
    this.gradient = true;
    return this;
  }
  setBackground(colour: string | null): this {
    this.background = colour;
    return this;
  }
  setRanges(ranges: FakeRange[]): this {
    this.ranges = ranges.slice();
    return this;
  }
  build(): FakeConditionalFormatRule {
    if (!this.gradient && this.criteriaType === null) throw new Error("Conditional format rule cannot have no criteria.");
    return new FakeConditionalFormatRule(
      this.criteriaType,
      this.criteriaValues.slice(),
      this.background,
      this.ranges.slice(),
      this.gradient,
    );
  }
}

export class FakeDataValidation extends Fake {
  readonly kind = "DataValidation";
  constructor(
    readonly criteriaType: string,
    readonly criteriaValues: unknown[],
    readonly allowInvalid: boolean,
  ) {
    super();
  }
  getCriteriaType(): string {
    return this.criteriaType;
  }
  getCriteriaValues(): unknown[] {
    return this.criteriaValues.slice();
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
}

export class FakeDataValidationBuilder extends Fake {
  readonly kind = "DataValidationBuilder";
  private type = "";
  private values: unknown[] = [];
  private allowInvalid = true;
  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values) || values.length === 0) throw new Error("The list of values must not be empty.");
    this.type = "VALUE_IN_LIST";
    this.values = [values.slice(), showDropdown];
    return this;
  }
  requireCheckbox(): this {
    this.type = "CHECKBOX";
    this.values = [];
    return this;
  }
  setAllowInvalid(allow: boolean): this {
    this.allowInvalid = allow;
    return this;
  }
  setHelpText(_text: string): this {
    return this;
  }
  build(): FakeDataValidation {
    if (this.type === "") throw new Error("Data validation rule has no criteria.");
    return new FakeDataValidation(this.type, this.values, this.allowInvalid);
  }
}

function letters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?$|^[+-]?\.\d+$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

export class FakeSheet extends Fake {
  readonly kind = "Sheet";
  /** Rows of stored values; a row may be shorter than the grid (the rest is blank). */
  cells: Stored[][] = [];
  /** Formulas by "row,col" (1-based): cells written with a leading = and no apostrophe. */
  readonly formulas = new Map<string, string>();
  /** Cells written as text with a leading apostrophe, by "row,col". */
  readonly quoted = new Set<string>();
  rules: FakeConditionalFormatRule[] = [];
  validations: { area: Area; rule: FakeDataValidation }[] = [];
  /** Embedded charts, as built. */
  charts: FakeChart[] = [];
  /** How many times a formula was set with setFormula. */
  formulaWrites = 0;
  frozenRows = 0;
  constructor(
    readonly book: FakeSpreadsheet,
    private name: string,
    public maxRows = 1000,
    public maxCols = 26,
    readonly id = 0,
  ) {
    super();
  }

  getName(): string {
    return this.name;
  }
  /** The selected cell (tests set `activeRow`; 0: nothing selected). */
  activeRow = 0;
  getActiveRange(): FakeRange | null {
    return this.activeRow > 0 ? new FakeRange(this, { row: this.activeRow, col: 1, rows: 1, cols: 1 }) : null;
  }
  setName(name: string): FakeSheet {
    if (this.book.sheets.some((s) => s !== this && s.name === name))
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.name = name;
    return this;
  }
  getSheetId(): number {
    return this.id;
  }
  getParent(): FakeSpreadsheet {
    return this.book;
  }
  activate(): FakeSheet {
    this.book.active = this;
    return this;
  }
  getCharts(): FakeChart[] {
    return this.charts.slice();
  }
  removeChart(chart: FakeChart): void {
    this.charts = this.charts.filter((c) => c !== chart);
  }
  newChart(): FakeChartBuilder {
    return new FakeChartBuilder();
  }
  insertChart(chart: FakeChart): void {
    this.charts.push(chart);
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxCols;
  }
  getLastRow(): number {
    for (let r = this.cells.length; r >= 1; r--) if (this.rowHasContent(r)) return r;
    return 0;
  }
  getLastColumn(): number {
    let last = 0;
    this.cells.forEach((row, i) => {
      for (let c = row.length; c > last; c--) {
        if (row[c - 1] !== null && row[c - 1] !== undefined && row[c - 1] !== "") {
          last = c;
          break;
        }
        if (this.formulas.has(`${i + 1},${c}`)) {
          last = c;
          break;
        }
      }
    });
    return last;
  }
  private rowHasContent(r: number): boolean {
    const row = this.cells[r - 1] ?? [];
    if (row.some((v) => v !== null && v !== undefined && v !== "")) return true;
    for (const key of this.formulas.keys()) if (key.startsWith(`${r},`)) return true;
    return false;
  }

  getRange(row: number | string, col?: number, numRows = 1, numCols = 1): FakeRange {
    if (typeof row === "string") throw new Error("the fake takes row and column numbers, not A1 notation");
    if (col === undefined) throw new Error("getRange needs a column");
    for (const [v, what] of [
      [row, "row"],
      [col, "column"],
    ] as const) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`The starting ${what} of the range is too small.`);
    }
    if (!Number.isInteger(numRows) || numRows < 1) throw new Error("The number of rows in the range must be at least 1.");
    if (!Number.isInteger(numCols) || numCols < 1) throw new Error("The number of columns in the range must be at least 1.");
    if (row + numRows - 1 > this.maxRows || col + numCols - 1 > this.maxCols)
      throw new Error("The coordinates of the range are outside the dimensions of the sheet.");
    return new FakeRange(this, { row, col, rows: numRows, cols: numCols });
  }
  getDataRange(): FakeRange {
    return new FakeRange(this, { row: 1, col: 1, rows: Math.max(1, this.getLastRow()), cols: Math.max(1, this.getLastColumn()) });
  }

  insertRowsAfter(after: number, howMany: number): FakeSheet {
    if (after < 1 || after > this.maxRows) throw new Error("Those rows are out of bounds.");
    if (howMany < 1) throw new Error("The number of rows to insert must be at least 1.");
    if (after < this.cells.length) this.cells.splice(after, 0, ...Array.from({ length: howMany }, () => []));
    this.shiftKeys(this.formulas, after, howMany, 0);
    this.shiftQuoted(after, howMany, 0);
    this.maxRows += howMany;
    return this;
  }
  deleteRows(position: number, howMany: number): void {
    if (position < 1 || howMany < 1 || position + howMany - 1 > this.maxRows) throw new Error("Those rows are out of bounds.");
    if (this.maxRows - howMany <= this.frozenRows || this.maxRows - howMany < 1)
      throw new Error("Sorry, it is not possible to delete all non-frozen rows.");
    this.cells.splice(position - 1, howMany);
    this.shiftKeys(this.formulas, position - 1, -howMany, 0);
    this.shiftQuoted(position - 1, -howMany, 0);
    this.maxRows -= howMany;
    this.clip();
  }
  insertColumnsAfter(after: number, howMany: number): FakeSheet {
    if (after < 1 || after > this.maxCols) throw new Error("Those columns are out of bounds.");
    if (howMany < 1) throw new Error("The number of columns to insert must be at least 1.");
    for (const row of this.cells) if (after < row.length) row.splice(after, 0, ...new Array<Stored>(howMany).fill(null));
    this.shiftKeys(this.formulas, after, howMany, 1);
    this.shiftQuoted(after, howMany, 1);
    this.maxCols += howMany;
    return this;
  }
  deleteColumns(position: number, howMany: number): void {
    if (position < 1 || howMany < 1 || position + howMany - 1 > this.maxCols) throw new Error("Those columns are out of bounds.");
    if (this.maxCols - howMany < 1) throw new Error("Sorry, it is not possible to delete all non-frozen columns.");
    for (const row of this.cells) row.splice(position - 1, howMany);
    this.shiftKeys(this.formulas, position - 1, -howMany, 1);
    this.shiftQuoted(position - 1, -howMany, 1);
    this.maxCols -= howMany;
    this.clip();
  }
  /** Moves "row,col" keys at index > `from` (0-based along `axis`) by `by`; removes those deleted. */
  private shiftKeys<V>(map: Map<string, V>, from: number, by: number, axis: 0 | 1): void {
    const moved = new Map<string, V>();
    for (const [key, v] of map) {
      const rc = key.split(",").map(Number);
      if (rc[axis] > from) {
        if (by < 0 && rc[axis] <= from - by) continue;
        rc[axis] += by;
      }
      moved.set(rc.join(","), v);
    }
    map.clear();
    for (const [k, v] of moved) map.set(k, v);
  }
  private shiftQuoted(from: number, by: number, axis: 0 | 1): void {
    const map = new Map<string, true>([...this.quoted].map((k) => [k, true]));
    this.shiftKeys(map, from, by, axis);
    this.quoted.clear();
    for (const k of map.keys()) this.quoted.add(k);
  }
  /** Drops validations and rule ranges that fell off the grid. */
  private clip(): void {
    const onGrid = (a: Area): Area | null => {
      if (a.row > this.maxRows || a.col > this.maxCols) return null;
      return { ...a, rows: Math.min(a.rows, this.maxRows - a.row + 1), cols: Math.min(a.cols, this.maxCols - a.col + 1) };
    };
    this.validations = this.validations.flatMap((v) => {
      const a = onGrid(v.area);
      return a ? [{ area: a, rule: v.rule }] : [];
    });
  }

  clearContents(): FakeSheet {
    this.cells = [];
    this.formulas.clear();
    this.quoted.clear();
    return this;
  }
  clear(): FakeSheet {
    return this.clearContents();
  }
  setFrozenRows(n: number): void {
    if (n >= this.maxRows) throw new Error("You can't freeze all visible rows on the sheet.");
    this.frozenRows = n;
  }
  getFrozenRows(): number {
    return this.frozenRows;
  }
  setColumnWidth(_col: number, _width: number): FakeSheet {
    return this;
  }
  setColumnWidths(_col: number, _n: number, _width: number): FakeSheet {
    return this;
  }
  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    return this.rules.slice();
  }
  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    for (const rule of rules) {
      if (!(rule instanceof FakeConditionalFormatRule)) throw new Error("Exception: Invalid argument: rules");
      for (const r of rule.ranges)
        if (r.sheet !== this) throw new Error("Conditional format rule ranges must be on the sheet the rules are set on.");
    }
    this.rules = rules.slice();
  }

  // ---- Used by FakeRange and by tests (not counted: tests call the raw sheet). ----

  /** Stored values of an area (or display text), rectangular, as getValues returns them. */
  readArea(a: Area, display = false): unknown[][] {
    const out: unknown[][] = new Array(a.rows);
    const Dt = this.book.app.dateConstructor;
    for (let i = 0; i < a.rows; i++) {
      const src = this.cells[a.row - 1 + i];
      const row: unknown[] = new Array(a.cols);
      for (let j = 0; j < a.cols; j++) {
        const v = src ? src[a.col - 1 + j] : null;
        if (v === null || v === undefined) row[j] = "";
        else if (typeof v === "object")
          row[j] = display ? intlFormatDate(new Date(v.date), this.book.timeZone, "yyyy-MM-dd") : new Dt(v.date);
        else row[j] = display ? String(v) : v;
      }
      out[i] = row;
    }
    return out;
  }

  writeArea(a: Area, values: unknown[][]): void {
    for (let i = 0; i < a.rows; i++) {
      const r = a.row + i;
      while (this.cells.length < r) this.cells.push([]);
      const row = this.cells[r - 1];
      while (row.length < a.col - 1 + a.cols) row.push(null);
      for (let j = 0; j < a.cols; j++) {
        const c = a.col + j;
        const key = `${r},${c}`;
        this.formulas.delete(key);
        this.quoted.delete(key);
        row[c - 1] = this.parse(values[i][j], key);
      }
    }
  }

  clearArea(a: Area): void {
    for (let i = 0; i < a.rows; i++) {
      const row = this.cells[a.row - 1 + i];
      for (let j = 0; j < a.cols; j++) {
        const key = `${a.row + i},${a.col + j}`;
        this.formulas.delete(key);
        this.quoted.delete(key);
        if (row && a.col - 1 + j < row.length) row[a.col - 1 + j] = null;
      }
    }
  }

  /** A value as Sheets stores it when a script writes it. */
  private parse(v: unknown, key: string): Stored {
    if (v === null || v === undefined || v === "") return null;
    if (typeof v === "number" || typeof v === "boolean") return v;
    if (isDate(v)) return { date: v.getTime() };
    if (typeof v !== "string") throw new Error(`Exception: Cannot convert ${Object.prototype.toString.call(v)} to a cell value.`);
    if (v.startsWith("'")) {
      this.quoted.add(key);
      return v.slice(1);
    }
    if (v.startsWith("=") && v.length > 1) {
      this.formulas.set(key, v);
      return null;
    }
    const s = v.trim();
    if (NUMBER.test(s)) return Number(s.replace(/,/g, ""));
    if (/^(true|false)$/i.test(s)) return s.toLowerCase() === "true";
    const m = ISO_DATE.exec(s);
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const probe = new Date(Date.UTC(y, mo - 1, d));
      if (probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d)
        return { date: midnightIn(this.book.timeZone, y, mo, d) };
    }
    return v;
  }

  setValidation(a: Area, rule: FakeDataValidation | null): void {
    // A new rule replaces the old ones on the cells it covers.
    this.validations = this.validations.filter(
      (v) =>
        !(
          v.area.row >= a.row &&
          v.area.row + v.area.rows <= a.row + a.rows &&
          v.area.col >= a.col &&
          v.area.col + v.area.cols <= a.col + a.cols
        ),
    );
    if (rule) this.validations.push({ area: a, rule });
  }

  validationAt(row: number, col: number): FakeDataValidation | null {
    for (let i = this.validations.length - 1; i >= 0; i--) if (inArea(this.validations[i].area, row, col)) return this.validations[i].rule;
    return null;
  }
}

export class FakeSpreadsheet extends Fake {
  readonly kind = "Spreadsheet";
  readonly sheets: FakeSheet[] = [];
  active: FakeSheet | null = null;
  toasts: { message: string; title: string; timeout: number | undefined }[] = [];
  private nextId = 1;
  constructor(
    readonly app: FakeSpreadsheetApp,
    public timeZone: string,
    public locale: string,
  ) {
    super();
  }

  getId(): string {
    return "fake-spreadsheet-id";
  }
  getName(): string {
    return "Fake store";
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  getSpreadsheetLocale(): string {
    return this.locale;
  }
  getSheets(): FakeSheet[] {
    return this.sheets.slice();
  }
  getSheetByName(name: string): FakeSheet | null {
    return this.sheets.find((s) => s.getName() === name) ?? null;
  }
  getActiveSheet(): FakeSheet | null {
    return this.active ?? this.sheets[0] ?? null;
  }
  createTextFinder(text: string): FakeTextFinder {
    return new FakeTextFinder(this, text);
  }
  insertSheet(name?: string, index?: number): FakeSheet {
    const sheetName = name ?? `Sheet${this.sheets.length + 1}`;
    if (this.getSheetByName(sheetName)) throw new Error(`A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    const sheet = new FakeSheet(this, sheetName, 1000, 26, this.nextId++);
    if (index === undefined) this.sheets.push(sheet);
    else this.sheets.splice(index, 0, sheet);
    this.active = sheet;
    return sheet;
  }
  deleteSheet(sheet: FakeSheet): void {
    const i = this.sheets.indexOf(sheet);
    if (i < 0) throw new Error("Sheet not found.");
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets.splice(i, 1);
    if (this.active === sheet) this.active = null;
  }
  toast(message: string, title?: string, timeout?: number): void {
    this.toasts.push({ message: String(message), title: String(title ?? ""), timeout });
  }
  /** Named ranges (name → range), as setNamedRange keeps them. */
  readonly named = new Map<string, FakeRange>();
  setNamedRange(name: string, range: FakeRange): void {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Invalid argument: name`);
    this.named.set(name, range);
  }
  getRangeByName(name: string): FakeRange | null {
    const r = this.named.get(name);
    return r && this.sheets.includes(r.getSheet()) ? r : null;
  }
  getNamedRanges(): { getName(): string; getRange(): FakeRange }[] {
    return [...this.named]
      .filter(([, r]) => this.sheets.includes(r.getSheet()))
      .map(([name, r]) => ({ getName: () => name, getRange: () => r }));
  }

  // ---- Test set-up and inspection (not counted). ----

  /** Adds a store's sheet holding `rows` (Date objects become date cells; strings are stored as given). */
  addSheet(name: string, rows: unknown[][], size: { maxRows?: number; maxCols?: number } = {}): FakeSheet {
    if (this.getSheetByName(name)) throw new Error(`sheet ${name} exists`);
    const width = Math.max(1, ...rows.map((r) => r.length));
    const sheet = new FakeSheet(
      this,
      name,
      Math.max(size.maxRows ?? 1000, rows.length + 1),
      Math.max(size.maxCols ?? 26, width),
      this.nextId++,
    );
    sheet.cells = rows.map((r) =>
      r.map((v): Stored => (v === undefined || v === "" ? null : isDate(v) ? { date: v.getTime() } : (v as Stored))),
    );
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const s = this.getSheetByName(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /**
   * A sheet's values for comparing: the data range, "" for blanks, date cells as
   * yyyy-MM-dd in the spreadsheet's zone (so zones compare equal).
   */
  values(name: string): (string | number | boolean)[][] {
    const s = this.sheet(name);
    const rows = Math.max(1, s.getLastRow());
    const cols = Math.max(1, s.getLastColumn());
    const out: (string | number | boolean)[][] = [];
    // Intl is slow: each date is formatted once.
    const days = new Map<number, string>();
    const day = (ms: number) => {
      let text = days.get(ms);
      if (text === undefined) {
        text = intlFormatDate(new Date(ms), this.timeZone, "yyyy-MM-dd");
        days.set(ms, text);
      }
      return text;
    };
    for (let r = 0; r < rows; r++) {
      const src = s.cells[r] ?? [];
      const row: (string | number | boolean)[] = [];
      for (let c = 0; c < cols; c++) {
        const v = src[c];
        row.push(v === null || v === undefined ? "" : typeof v === "object" ? day(v.date) : v);
      }
      out.push(row);
    }
    return out;
  }
}

/** A time-driven trigger as ClockTriggerBuilder.create() makes it. */
export class FakeTrigger extends Fake {
  readonly kind = "Trigger";
  constructor(
    readonly handler: string,
    readonly uid: string,
    readonly schedule: Schedule,
  ) {
    super();
  }
  getHandlerFunction(): string {
    return this.handler;
  }
  getUniqueId(): string {
    return this.uid;
  }
  getEventType(): string {
    return "CLOCK";
  }
  getTriggerSource(): string {
    return "CLOCK";
  }
}

class FakeClockTriggerBuilder extends Fake {
  readonly kind = "ClockTriggerBuilder";
  private readonly schedule: FakeTrigger["schedule"] = {};
  constructor(
    private readonly scriptApp: FakeScriptApp,
    private readonly handler: string,
  ) {
    super();
  }
  everyDays(n: number): this {
    this.schedule.everyDays = n;
    return this;
  }
  everyHours(n: number): this {
    this.schedule.everyHours = n;
    return this;
  }
  atHour(h: number): this {
    if (!Number.isInteger(h) || h < 0 || h > 23) throw new Error("Invalid argument: hour");
    this.schedule.atHour = h;
    return this;
  }
  nearMinute(m: number): this {
    this.schedule.nearMinute = m;
    return this;
  }
  inTimezone(tz: string): this {
    this.schedule.timeZone = tz;
    return this;
  }
  /** A one-off trigger, `ms` from now. */
  after(ms: number): this {
    if (!Number.isInteger(ms) || ms < 0) throw new Error("Invalid argument: durationMilliseconds");
    this.schedule.after = ms;
    return this;
  }
  create(): FakeTrigger {
    if (this.scriptApp.refuseTriggers)
      throw new Error("This add-on has created too many time-based triggers in this document for this Google user account.");
    checkTriggerLimits(this.scriptApp.deployment, this.scriptApp.triggers, this.schedule);
    const trigger = new FakeTrigger(this.handler, `trigger-${++this.scriptApp.created}`, { ...this.schedule });
    this.scriptApp.triggers.push(trigger);
    return trigger;
  }
}

class FakeTriggerBuilder extends Fake {
  readonly kind = "TriggerBuilder";
  constructor(
    private readonly scriptApp: FakeScriptApp,
    private readonly handler: string,
  ) {
    super();
  }
  timeBased(): FakeClockTriggerBuilder {
    return new FakeClockTriggerBuilder(this.scriptApp, this.handler);
  }
}

export class FakeScriptApp extends Fake {
  readonly kind = "ScriptApp";
  readonly AuthMode = { NONE: "NONE", CUSTOM_FUNCTION: "CUSTOM_FUNCTION", LIMITED: "LIMITED", FULL: "FULL" };
  readonly EventType = { CLOCK: "CLOCK", ON_OPEN: "ON_OPEN", ON_EDIT: "ON_EDIT" };
  /** This user's triggers of the script in the fake spreadsheet. */
  readonly triggers: FakeTrigger[] = [];
  /** True: creating a trigger throws (as Apps Script refuses an add-on a second time-driven trigger in a document). */
  refuseTriggers = false;
  /** "addon": Apps Script's limits on an add-on's time-driven triggers apply (fakeTriggerLimits.ts). */
  deployment: Deployment = "bound";
  /** Triggers created, in order (deleted ones too). */
  created = 0;
  newTrigger(handler: string): FakeTriggerBuilder {
    return new FakeTriggerBuilder(this, handler);
  }
  getUserTriggers(_ss: unknown): FakeTrigger[] {
    return this.triggers.slice();
  }
  getProjectTriggers(): FakeTrigger[] {
    return this.triggers.slice();
  }
  deleteTrigger(trigger: FakeTrigger): void {
    const i = this.triggers.indexOf(trigger);
    if (i >= 0) this.triggers.splice(i, 1);
  }
}

export class FakeLock extends Fake {
  readonly kind = "Lock";
  held = false;
  constructor(private readonly service: FakeLockService) {
    super();
  }
  tryLock(_timeoutMs: number): boolean {
    if (this.service.heldByAnotherRun) return false;
    this.held = true;
    return true;
  }
  waitLock(timeoutMs: number): void {
    if (!this.tryLock(timeoutMs)) throw new Error("Lock timeout: another process was holding the lock for too long.");
  }
  hasLock(): boolean {
    return this.held;
  }
  releaseLock(): void {
    this.held = false;
  }
}

export class FakeLockService extends Fake {
  readonly kind = "LockService";
  /** True while "another run" holds the document lock. */
  heldByAnotherRun = false;
  readonly locks: FakeLock[] = [];
  getDocumentLock(): FakeLock {
    const lock = new FakeLock(this);
    this.locks.push(lock);
    return lock;
  }
  getScriptLock(): FakeLock {
    return this.getDocumentLock();
  }
}

export class FakeProperties extends Fake {
  readonly kind = "Properties";
  readonly store = new Map<string, string>();
  getProperty(key: string): string | null {
    return this.store.get(key) ?? null;
  }
  setProperty(key: string, value: string): FakeProperties {
    this.store.set(key, String(value));
    return this;
  }
  deleteProperty(key: string): FakeProperties {
    this.store.delete(key);
    return this;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store);
  }
}

class FakePropertiesService extends Fake {
  readonly kind = "PropertiesService";
  constructor(
    readonly app: FakeSpreadsheetApp,
    readonly document: FakeProperties,
    readonly user: FakeProperties,
  ) {
    super();
  }
  /** Null with no active document (a trigger Apps Script started without one). */
  getDocumentProperties(): FakeProperties | null {
    return this.app.noActiveSpreadsheet ? null : this.document;
  }
  getUserProperties(): FakeProperties {
    return this.user;
  }
}

export class FakeUi extends Fake {
  readonly kind = "Ui";
  readonly ButtonSet = { OK: "OK", OK_CANCEL: "OK_CANCEL", YES_NO: "YES_NO", YES_NO_CANCEL: "YES_NO_CANCEL" };
  readonly Button = { OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO", CLOSE: "CLOSE" };
  readonly alerts: { title: string; prompt: string }[] = [];
  alert(titleOrPrompt: string, prompt?: string, _buttons?: unknown): string {
    this.alerts.push(
      prompt === undefined ? { title: "", prompt: String(titleOrPrompt) } : { title: String(titleOrPrompt), prompt: String(prompt) },
    );
    return "OK";
  }
}

class FakeSession extends Fake {
  readonly kind = "Session";
  constructor(private readonly locale: string) {
    super();
  }
  getActiveUserLocale(): string {
    return this.locale;
  }
}

class FakeUtilities extends Fake {
  readonly kind = "Utilities";
  formatDate(date: Date, timeZone: string, format: string): string {
    return intlFormatDate(new Date(date.getTime()), timeZone, format);
  }
}

/** Options of a fake spreadsheet. */
export interface FakeOptions {
  timeZone?: string;
  locale?: string;
  userLocale?: string;
  /** False: getUi() throws, as in a time-driven trigger. */
  hasUi?: boolean;
}

export class FakeSpreadsheetApp extends Fake {
  readonly kind = "SpreadsheetApp";
  readonly counter = new CallCounter();
  /** The script's clock when a test installs it as Date.now (test/faults/bundle.ts). */
  readonly clock = new FakeClock();
  readonly tracker = new Tracker(this.counter, this.clock);
  readonly spreadsheet: FakeSpreadsheet;
  readonly ui = new FakeUi();
  readonly lockService = new FakeLockService();
  readonly scriptApp = new FakeScriptApp();
  readonly properties = new FakeProperties();
  readonly userProperties = new FakeProperties();
  readonly cacheService = new FakeCacheService();
  /** True: the script runs with no active spreadsheet (an add-on's clock trigger, as reported): getActiveSpreadsheet() and the document's properties and cache are null. */
  noActiveSpreadsheet = false;
  readonly hasUi: boolean;
  /** The Date constructor of the script's realm (set after loading the script), so `instanceof Date` holds there. */
  dateConstructor: DateConstructor = Date;
  private readonly session: FakeSession;

  constructor(options: FakeOptions = {}) {
    super();
    this.spreadsheet = new FakeSpreadsheet(this, options.timeZone ?? "Asia/Shanghai", options.locale ?? "en_US");
    this.session = new FakeSession(options.userLocale ?? options.locale ?? "en_US");
    this.hasUi = options.hasUi ?? true;
  }

  getActiveSpreadsheet(): FakeSpreadsheet | null {
    return this.noActiveSpreadsheet ? null : this.spreadsheet;
  }
  getActive(): FakeSpreadsheet | null {
    return this.getActiveSpreadsheet();
  }
  getUi(): FakeUi {
    if (!this.hasUi) throw new Error("Cannot call SpreadsheetApp.getUi() from this context.");
    return this.ui;
  }
  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder();
  }
  newDataValidation(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder();
  }
  flush(): void {}

  /** The globals a script sees: every service, its calls counted. */
  globals(): Record<string, unknown> {
    const w = <T extends object>(x: T) => this.tracker.wrap(x);
    return {
      SpreadsheetApp: w(this),
      LockService: w(this.lockService),
      PropertiesService: w(new FakePropertiesService(this, this.properties, this.userProperties)),
      CacheService: w(this.cacheService),
      ScriptApp: w(this.scriptApp),
      Session: w(this.session),
      Utilities: w(new FakeUtilities()),
    };
  }
}

/** An embedded chart as the builder made it. */
export class FakeChart extends Fake {
  readonly kind = "EmbeddedChart";
  constructor(
    readonly type: string,
    readonly ranges: FakeRange[],
    readonly position: number[],
    readonly options: Record<string, unknown>,
  ) {
    super();
  }
  getRanges(): FakeRange[] {
    return this.ranges.slice();
  }
}

/** The chart builder: records what the adapter asks for. */
export class FakeChartBuilder extends Fake {
  readonly kind = "EmbeddedChartBuilder";
  private type = "";
  private readonly ranges: FakeRange[] = [];
  private position: number[] = [];
  private readonly options: Record<string, unknown> = {};
  asLineChart(): FakeChartBuilder {
    this.type = "LINE";
    return this;
  }
  setChartType(type: string): FakeChartBuilder {
    this.type = String(type);
    return this;
  }
  addRange(range: FakeRange): FakeChartBuilder {
    this.ranges.push(range);
    return this;
  }
  setPosition(...args: number[]): FakeChartBuilder {
    this.position = args;
    return this;
  }
  setNumHeaders(n: number): FakeChartBuilder {
    this.options.numHeaders = n;
    return this;
  }
  setOption(name: string, value: unknown): FakeChartBuilder {
    this.options[name] = value;
    return this;
  }
  setTitle(title: string): FakeChartBuilder {
    this.options.title = title;
    return this;
  }
  setLegendPosition(p: unknown): FakeChartBuilder {
    this.options.legend = p;
    return this;
  }
  setMergeStrategy(m: unknown): FakeChartBuilder {
    this.options.merge = m;
    return this;
  }
  setTransposeRowsAndColumns(t: boolean): FakeChartBuilder {
    this.options.transpose = t;
    return this;
  }
  build(): FakeChart {
    return new FakeChart(this.type, this.ranges.slice(), this.position, { ...this.options });
  }
}

/** A text finder over formulas (the only use Daihou makes of it). */
export class FakeTextFinder extends Fake {
  readonly kind = "TextFinder";
  private regex = false;
  private formulas = false;
  constructor(
    readonly book: FakeSpreadsheet,
    readonly text: string,
  ) {
    super();
  }
  useRegularExpression(on: boolean): FakeTextFinder {
    this.regex = on;
    return this;
  }
  matchFormulaText(on: boolean): FakeTextFinder {
    this.formulas = on;
    return this;
  }
  findAll(): FakeRange[] {
    if (!this.formulas) throw new Error("the fake finds formula text only");
    const re = this.regex ? new RegExp(this.text) : null;
    const found: FakeRange[] = [];
    for (const sheet of this.book.sheets) {
      for (const [key, f] of sheet.formulas) {
        if (re ? re.test(f) : f.includes(this.text)) {
          const [r, c] = key.split(",").map(Number);
          found.push(new FakeRange(sheet, { row: r, col: c, rows: 1, cols: 1 }));
        }
      }
    }
    return found;
  }
}
