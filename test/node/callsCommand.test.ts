/** `daihou calls`' readable table. */
import { CALL_COLUMNS, CALL_HEADERS } from "../../src/app/names";
import type { Cell } from "../../src/domain/cells";
import { renderCalls } from "../../src/node/callsCommand";

describe("the calls table", () => {
  it("reads columns by their headers, as --json does: a sheet with its columns moved shows each value under its own header", () => {
    const values: Cell[] = CALL_COLUMNS.map((c) => `${c}-value`);
    const header: Cell[] = CALL_COLUMNS.map((c) => CALL_HEADERS[c].en);
    // Move the loan id column to the far right, as a store might in Sheets.
    const moved = (row: Cell[]) => [...row.filter((_, i) => CALL_COLUMNS[i] !== "loan_id"), row[CALL_COLUMNS.indexOf("loan_id")]];
    const text = renderCalls("en", [moved(header), moved(values)], "title");
    const [head, line] = text.split("\n").slice(2);
    expect(head.indexOf("Loan ID")).toBe(line.indexOf("loan_id-value"));
    expect(head.indexOf("Customer")).toBe(line.indexOf("customer-va"));
    expect(head.indexOf("Number to dial")).toBe(line.indexOf("number-value"));
  });
});
